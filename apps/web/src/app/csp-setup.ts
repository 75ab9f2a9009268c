import { config } from 'zod';
import { cspNonce } from './csp-nonce.ts';

/**
 * Runs before anything else (first import of main.tsx), so nothing trips the CSP:
 * - zod (pulled in by @steppingstones/shared) probes `new Function('')` to decide whether to compile
 *   parsers; under `script-src 'self'` that probe is a CSP violation. Jitless mode skips it.
 * - react-remove-scroll (Mantine's modals and drawers) injects a `<style>` whose nonce it reads from
 *   the global `__webpack_nonce__` (via get-nonce); without it the style is blocked.
 */
config({ jitless: true });

const nonce = cspNonce();
if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;
