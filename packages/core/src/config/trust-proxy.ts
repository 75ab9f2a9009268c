import net from 'node:net';

/** The named ranges proxy-addr (Fastify's trustProxy) understands besides addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Why one TRUST_PROXY list entry is not an address, a CIDR or a named range; undefined when it is fine. */
function entryProblem(entry: string): string | undefined {
  if (NAMED_RANGES.has(entry)) return undefined;
  const [address = '', mask, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (!version || rest.length) return `"${entry}" is not an IP address or CIDR`;
  if (mask === undefined) return undefined;
  const bits = version === 4 ? 32 : 128;
  const prefixOk = /^\d+$/.test(mask) && Number(mask) <= bits;
  // proxy-addr also takes an IPv4 netmask after the slash (10.0.0.0/255.0.0.0).
  if (prefixOk || (version === 4 && net.isIPv4(mask))) return undefined;
  return `"${entry}" has a prefix length outside 0-${bits}`;
}

/**
 * Parses TRUST_PROXY: `false` (default), `true`, a hop count, or a comma-separated list of addresses,
 * CIDRs and the names loopback / linklocal / uniquelocal. Returns a problem message for a bad list, so
 * start-up names TRUST_PROXY instead of failing later inside the HTTP server with "invalid IP address".
 */
export function parseTrustProxy(
  value: string | undefined,
): { value: boolean | number | string[] } | { problem: string } {
  if (value === undefined || value === '' || value === 'false') return { value: false };
  if (value === 'true') return { value: true };
  if (/^\d+$/.test(value)) return { value: Number(value) };
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const problem = entryProblem(entry);
    if (problem)
      return {
        problem: `${problem}; use true, false, a hop count, or a comma-separated list of addresses / CIDRs`,
      };
  }
  return { value: list };
}
