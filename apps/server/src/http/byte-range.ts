/** Inclusive byte positions of a `Range: bytes=…` request. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one byte range a `Range` header asks of a body of `size` bytes (RFC 9110 §14): `bytes=a-b`,
 * `bytes=a-` or the suffix `bytes=-n`. Undefined (serve it all) without the header, for a header this
 * server does not honour (another unit, several ranges) or when `If-Range` names another version;
 * 'unsatisfiable' (416) when the range lies outside the body.
 */
export function requestedRange(
  header: string | undefined,
  size: number,
  ifRange: string | undefined,
  etag: string,
): ByteRange | 'unsatisfiable' | undefined {
  if (!header || (ifRange !== undefined && ifRange !== etag)) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
