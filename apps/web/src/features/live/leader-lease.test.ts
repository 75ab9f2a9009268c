import { describe, expect, it } from 'vitest';
import { LEASE_KEY, LEASE_TTL_MS, type LeaseStorage, releaseLease, tryHoldLease } from './leader-lease.ts';

function memoryStorage(): LeaseStorage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

describe('leader lease (one stream per browser without Web Locks)', () => {
  it('lets exactly one tab lead while its lease is renewed', () => {
    const s = memoryStorage();
    expect(tryHoldLease(s, 'tab-a', 1_000)).toBe(true);
    expect(tryHoldLease(s, 'tab-b', 1_500)).toBe(false);
    // The leader renews before expiry; the other tab still cannot take over.
    expect(tryHoldLease(s, 'tab-a', 1_000 + LEASE_TTL_MS - 1)).toBe(true);
    expect(tryHoldLease(s, 'tab-b', 1_000 + LEASE_TTL_MS + 1)).toBe(false);
  });

  it('hands over when the leader closes or stops renewing', () => {
    const s = memoryStorage();
    tryHoldLease(s, 'tab-a', 0);
    expect(tryHoldLease(s, 'tab-b', LEASE_TTL_MS + 1)).toBe(true);
    expect(tryHoldLease(s, 'tab-a', LEASE_TTL_MS + 2)).toBe(false);

    releaseLease(s, 'tab-b');
    expect(s.getItem(LEASE_KEY)).toBeNull();
    expect(tryHoldLease(s, 'tab-a', LEASE_TTL_MS + 3)).toBe(true);
  });

  it('does not let a non-holder release the lease, and survives garbage in storage', () => {
    const s = memoryStorage();
    tryHoldLease(s, 'tab-a', 0);
    releaseLease(s, 'tab-b');
    expect(tryHoldLease(s, 'tab-b', 1)).toBe(false);
    s.setItem(LEASE_KEY, '{broken');
    expect(tryHoldLease(s, 'tab-b', 2)).toBe(true);
  });
});
