/**
 * A lease in localStorage electing the one tab that holds the stream, for browsers without
 * `navigator.locks` (plain-HTTP deployments are not a secure context). The holder renews it; a tab
 * that sees it expired (its holder closed or froze) takes it over.
 */
export interface Lease {
  holder: string;
  expires: number;
}

export const LEASE_KEY = 'ss.live.leader';
export const LEASE_TTL_MS = 5_000;

export function readLease(raw: string | null): Lease | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Lease>;
    return typeof v.holder === 'string' && typeof v.expires === 'number'
      ? { holder: v.holder, expires: v.expires }
      : null;
  } catch {
    return null;
  }
}

/** The lease this tab should write now, or null when another live tab holds it. */
export function claimLease(current: Lease | null, me: string, now: number, ttl = LEASE_TTL_MS): Lease | null {
  if (current && current.holder !== me && current.expires > now) return null;
  return { holder: me, expires: now + ttl };
}

/** Minimal storage the lease needs (localStorage in the browser, a Map in tests). */
export interface LeaseStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Tries to take or renew the lease; true when this tab holds it afterwards. */
export function tryHoldLease(storage: LeaseStorage, me: string, now: number): boolean {
  const next = claimLease(readLease(storage.getItem(LEASE_KEY)), me, now);
  if (!next) return false;
  storage.setItem(LEASE_KEY, JSON.stringify(next));
  // Two tabs may write at once: whoever's write landed last wins, the other sees it on re-read.
  return readLease(storage.getItem(LEASE_KEY))?.holder === me;
}

export function releaseLease(storage: LeaseStorage, me: string): void {
  if (readLease(storage.getItem(LEASE_KEY))?.holder === me) storage.removeItem(LEASE_KEY);
}
