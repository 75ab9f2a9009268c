import { describe, expect, it } from 'vitest';
import { secretKeys } from '../secrets/secret-key.ts';
import { redactSignedUrl, type SignedUrlTarget, signUrl, verifySignedUrl } from './signed-url.ts';

const keys = secretKeys(Buffer.from('k'.repeat(64)));
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const signer = { userId: 7, authEpoch: 2 };
const target = (query: string, path = '/api/v1/reports/p/k/navigator-layer'): SignedUrlTarget => ({
  purpose: 'navigator-layer',
  path,
  query: new URLSearchParams(query),
});
const sign = (query = 'engagement=ACME&tag=phish&disableUnused=false', expiresAt = NOW + 300_000) =>
  signUrl(keys, target(query), signer, expiresAt);

describe('signed URLs', () => {
  it('verify with the same target, whatever the order of the parameters', () => {
    const signed = sign();
    const reordered = new URLSearchParams([...signed.entries()].reverse());
    expect(verifySignedUrl(keys, target(reordered.toString()), NOW)).toEqual({
      ok: true,
      signer,
      expiresAt: NOW + 300_000,
    });
  });

  it.each([
    ['the engagement', (q: URLSearchParams) => q.set('engagement', 'OTHER')],
    ['the filter', (q: URLSearchParams) => q.set('tag', 'lateral')],
    ['an added filter', (q: URLSearchParams) => q.append('starred', 'true')],
    ['a removed parameter', (q: URLSearchParams) => q.delete('disableUnused')],
    ['a parameter', (q: URLSearchParams) => q.set('disableUnused', 'true')],
    ['the user', (q: URLSearchParams) => q.set('token', q.get('token')!.replace(/^7\./, '8.'))],
    ['the epoch', (q: URLSearchParams) => q.set('token', q.get('token')!.replace(/^7\.2\./, '7.3.'))],
    [
      'the expiry',
      (q: URLSearchParams) =>
        q.set(
          'token',
          q.get('token')!.replace(/\.(\d+)\./, (_, n) => `.${Number(n) + 1}.`),
        ),
    ],
    ['the signature', (q: URLSearchParams) => q.set('token', `${q.get('token')!.slice(0, -2)}AA`)],
  ])('refuse a URL whose %s was altered', (_, alter) => {
    const signed = sign();
    alter(signed);
    expect(verifySignedUrl(keys, target(signed.toString()), NOW)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
  });

  it('refuse another path, another purpose and another instance key', () => {
    const signed = sign().toString();
    expect(verifySignedUrl(keys, target(signed, '/api/v1/reports/p/other/navigator-layer'), NOW).ok).toBe(
      false,
    );
    expect(verifySignedUrl(keys, { ...target(signed), purpose: 'other' }, NOW).ok).toBe(false);
    const otherKeys = secretKeys(Buffer.from('o'.repeat(64)));
    expect(verifySignedUrl(otherKeys, target(signed), NOW)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('expire at their time, judged by the clock given', () => {
    const signed = sign(undefined, NOW + 1000).toString();
    expect(verifySignedUrl(keys, target(signed), NOW + 999).ok).toBe(true);
    expect(verifySignedUrl(keys, target(signed), NOW + 1000)).toEqual({
      ok: false,
      problem: 'expired',
      expiresAt: NOW + 1000,
    });
  });

  it('tell a missing token from a malformed one', () => {
    expect(verifySignedUrl(keys, target('engagement=ACME'), NOW)).toEqual({ ok: false, problem: 'missing' });
    expect(verifySignedUrl(keys, target('engagement=ACME&token=abc'), NOW)).toEqual({
      ok: false,
      problem: 'malformed',
    });
    const twice = sign();
    twice.append('token', twice.get('token')!);
    expect(verifySignedUrl(keys, target(twice.toString()), NOW)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('are redacted for logs', () => {
    const url = `/api/v1/reports/p/k/navigator-layer?${sign().toString()}`;
    const redacted = redactSignedUrl(url);
    expect(redacted).toContain('token=[redacted]');
    expect(redacted).toContain('engagement=ACME');
    expect(redacted).not.toContain(sign().get('token')!.split('.')[3]);
  });
});
