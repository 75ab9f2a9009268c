/**
 * A `Content-Disposition` header for a download (RFC 6266): an ASCII `filename` for old clients, with
 * quotes, backslashes and anything outside printable ASCII replaced, and the exact name as UTF-8 in
 * `filename*`, so a host name like `東京-DC01` survives and no name can break out of the header.
 */
export function contentDisposition(filename: string, kind: 'inline' | 'attachment' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
