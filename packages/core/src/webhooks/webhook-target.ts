import dns from 'node:dns/promises';
import net from 'node:net';
import { ValidationError } from '../errors.ts';
import { isPrivateAddress } from './ssrf-guard.ts';

const ALLOW_HINT = 'Set WEBHOOK_ALLOW_PRIVATE=true on the server to allow webhooks to internal services.';

/**
 * Refuses, when a webhook is saved, an address it could never deliver to: a private, loopback or
 * link-local IP, or a name resolving to one. The delivery checks again (DNS may change); this check
 * tells the person saving why now rather than in the delivery log later. A name that does not resolve
 * (yet) is accepted: the delivery log will say so.
 */
export async function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return; // the schema reports a malformed URL
  }
  const refuse = (why: string) => {
    throw ValidationError.field('url', `${why} ${ALLOW_HINT}`);
  };
  if (net.isIP(host)) {
    if (isPrivateAddress(host)) refuse(`${host} is a private, loopback or link-local address.`);
    return;
  }
  if (host === 'localhost' || host.endsWith('.localhost'))
    refuse(`${host} is this server itself (loopback).`);
  let addresses: Array<{ address: string }>;
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch {
    return;
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) refuse(`${host} resolves to ${bad.address}, a private, loopback or link-local address.`);
}
