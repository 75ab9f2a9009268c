import { describe, expect, it } from 'vitest';
import { checkLiteralHost, isPrivateAddress } from './ssrf-guard.ts';

describe('the webhook address guard, IANA special-purpose blocks', () => {
  it('refuses mapped, site-local, discard-only, documentation, benchmarking and the other special blocks', () => {
    for (const a of [
      // IPv4-mapped and IPv4-translated IPv6, public IPv4 inside included
      '::ffff:8.8.8.8',
      '::ffff:808:808',
      '::ffff:0:808:808',
      // deprecated site-local, discard-only
      'fec0::1',
      'feff::1',
      '100::1',
      // TEST-NET-1/2/3 and IPv6 documentation (old and new)
      '192.0.2.10',
      '198.51.100.7',
      '203.0.113.200',
      '2001:db8::1',
      '3fff::1',
      // benchmarking
      '198.18.0.1',
      '198.19.255.254',
      '2001:2::1',
      // IETF protocol assignments (Teredo, ORCHID), AS112, AMT, 6to4 relay anycast, SRv6 SIDs
      '2001::1',
      '2001:20::1',
      '192.31.196.1',
      '192.52.193.1',
      '192.88.99.1',
      '192.175.48.1',
      '5f00::1',
      // limited broadcast
      '255.255.255.255',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of [
      '8.8.8.8',
      '203.0.114.1',
      '198.20.0.1',
      '2606:4700:4700::1111',
      '2a00:1450::1',
      '2001:4860::8888',
    ])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses such a block written as a URL literal', () => {
    expect(() => checkLiteralHost('[::ffff:8.8.8.8]', false)).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => checkLiteralHost('192.0.2.1', false)).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => checkLiteralHost('192.0.2.1', true)).not.toThrow();
  });
});
