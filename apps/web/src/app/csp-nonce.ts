/**
 * The server writes a fresh nonce into `<meta name="csp-nonce">` of every index.html it sends; the CSP
 * allows only `<style>` elements carrying it, so Mantine stamps it on each style element it injects.
 */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
  const value = meta?.content;
  // In `vite dev` the placeholder is never replaced: no nonce then (the dev server sends no CSP).
  return value && value !== '__CSP_NONCE__' ? value : undefined;
}
