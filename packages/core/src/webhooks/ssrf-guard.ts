import dns from 'node:dns';
import net from 'node:net';

/**
 * Targets a webhook may not reach unless the instance allows private targets
 * (WEBHOOK_ALLOW_PRIVATE=true): loopback, private, link-local, unique-local, CGNAT, unspecified,
 * multicast and reserved ranges, and every other block of the IANA special-purpose registries
 * (documentation / TEST-NET, benchmarking, AS112, AMT, discard-only, deprecated site-local, SRv6),
 * so a webhook can not be used to probe the internal network or reach a special-purpose relay.
 */
const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['192.175.48.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
// IPv4 written inside IPv6 is refused too: IPv4-mapped addresses (either notation) are matched by the
// IPv4 rules above; the IPv4-compatible (::/96), 6to4 (2002::/16) and local NAT64 (64:ff9b:1::/48)
// forms carry any IPv4 address, private ones included, and are deprecated or local, so they are refused
// whole. So is the mapped range itself (::ffff:0:0/96): a literal mapped address is no address a
// webhook needs, public or not, and the IPv4-translated form (::ffff:0:0:0/96) likewise.
for (const [prefix, bits] of [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['100::', 64],
  ['2001::', 23],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fec0::', 10],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['2001:db8::', 32],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv6');

// Apart: BlockList matches IPv4 addresses against an IPv4-mapped rule, so in the main list this rule
// would refuse every IPv4 address. Only IPv6 addresses are checked against it.
const mappedIpv4 = new net.BlockList();
mappedIpv4.addSubnet('::ffff:0:0', 96, 'ipv6');

export class RefusedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTargetError';
  }
}

/** True when the address is in a refused range (IPv4-mapped IPv6 is checked as the IPv4 it carries). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return mappedIpv4.check(address, 'ipv6') || blocked.check(address, 'ipv6');
  return true;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves the host, refuses it if ANY address is private (a name with
 * one public and one private address could be switched between check and connect), and hands the
 * socket the checked address, so the connection is pinned to what was checked (no DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(new RefusedTargetError(`${hostname} has no address`), []);
      if (!allowPrivate) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad)
          return callback(
            new RefusedTargetError(
              `Refused: ${hostname} resolves to ${bad.address}, a private, loopback or link-local address. ` +
                'Set WEBHOOK_ALLOW_PRIVATE=true to allow webhooks to internal services.',
            ),
            [],
          );
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** Refuses an IP-literal URL host up front (sockets skip `lookup` for literals). */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): void {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host))
    throw new RefusedTargetError(
      `Refused: ${host} is a private, loopback or link-local address. ` +
        'Set WEBHOOK_ALLOW_PRIVATE=true to allow webhooks to internal services.',
    );
}
