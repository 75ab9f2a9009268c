// Classifies the hosts activity came from: external (public addresses, names under a public suffix)
// or internal (private / local ranges, single-label and private-suffix names).
import { isIP } from 'node:net';
import { parse } from 'tldts';

function v4Parts(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** Private, loopback, link-local, shared (CGNAT), documentation, benchmarking and reserved IPv4 ranges. */
function isPrivateV4(ip: string): boolean {
  const [a = 0, b = 0, c = 0] = v4Parts(ip);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 240 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

/** Expands an IPv6 literal to its eight 16-bit groups (handles `::` and an embedded IPv4 tail). */
function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Parts(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g || '0', 16));
}

/** Loopback, unspecified, unique-local (fc00::/7), link-local (fe80::/10), documentation, and mapped private IPv4. */
function isPrivateV6(ip: string): boolean {
  const g = v6Groups(ip);
  const first = g[0] ?? 0;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true;
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return true;
  if (first === 0x2001 && g[1] === 0x0db8) return true;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const v4 = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255].join('.');
    return isPrivateV4(v4);
  }
  return false;
}

export type HostClass = 'external' | 'internal' | 'none';

/**
 * IP literals (v4 and v6, the original sent v6 to the name branch) by range; names by the Public
 * Suffix List (ICANN section only, so `corp.local`, `DC01` and `host.internal` are internal).
 */
export function classifyHost(raw: string): HostClass {
  const host = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (!host) return 'none';
  const version = isIP(host);
  if (version === 4) return isPrivateV4(host) ? 'internal' : 'external';
  if (version === 6) return isPrivateV6(host) ? 'internal' : 'external';
  // `isIcann` is false when only the list's `*` fallback matched (`corp.local`, `host.internal`).
  const parsed = parse(host.replace(/\.$/, ''), { allowPrivateDomains: false });
  return parsed.isIcann && parsed.domain ? 'external' : 'internal';
}

/** Sort key for IPs: numeric (v4 before v6). */
export function ipSortKey(ip: string): string {
  if (isIP(ip) === 4)
    return `4:${v4Parts(ip)
      .map((p) => String(p).padStart(3, '0'))
      .join('.')}`;
  return `6:${v6Groups(ip)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join(':')}`;
}
