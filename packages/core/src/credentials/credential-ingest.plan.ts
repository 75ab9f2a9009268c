import type { Tx } from '@steppingstones/db';
import type { Candidate } from './credential-ingest.service.ts';
import { identityString, NO_HASH_TYPE } from './credential-keys.ts';

export interface ExistingRow {
  id: number;
  system_key: string;
  account_key: string;
  hash_key: string;
  type_key: number;
  position: number | null;
  has_secret: boolean;
}

const LOOKUP_CHUNK = 500;

/** The stored rows (every position) of the accounts a batch names. */
export async function loadExisting(tx: Tx, engagementId: number, batch: Candidate[]): Promise<ExistingRow[]> {
  const accounts = [...new Set(batch.map((c) => c.account_key))];
  const out: ExistingRow[] = [];
  for (let i = 0; i < accounts.length; i += LOOKUP_CHUNK) {
    const rows = await tx
      .selectFrom('credential')
      .select(['id', 'system_key', 'account_key', 'hash_key', 'type_key', 'position', 'secret'])
      .where('engagement_id', '=', engagementId)
      .where('account_key', 'in', accounts.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const r of rows)
      out.push({
        id: Number(r.id),
        system_key: r.system_key,
        account_key: r.account_key,
        hash_key: r.hash_key,
        type_key: Number(r.type_key),
        position: r.position === null ? null : Number(r.position),
        has_secret: r.secret !== null,
      });
  }
  return out;
}

export interface Demotion {
  /** How far the group's stored history moves down; its stored current becomes position shift - 1. */
  shift: number;
  /** The stored current rows that become history. */
  ids: number[];
  groups: Array<{ system_key: string; account_key: string; type_key: number }>;
}

export interface IngestPlan {
  inserts: Array<{ c: Candidate; position: number | null }>;
  demotions: Demotion[];
  secretFills: Array<{ id: number; secret: string }>;
  duplicates: number;
}

interface Group {
  keys: { system_key: string; account_key: string; type_key: number };
  storedCurrent: number | null;
  shift: number;
  pending: Array<{ c: Candidate; position: number | null }>;
}

/**
 * Decides, in memory, what a batch does against the stored rows of its accounts: duplicates add
 * nothing (but may bring a secret for an uncracked row), and each new current hash pushes the
 * account's current one of that type (stored or earlier in the batch) into its history.
 */
export function planIngest(batch: Candidate[], existing: ExistingRow[]): IngestPlan {
  const known = new Map<string, ExistingRow>();
  const groups = new Map<string, Group>();
  const groupOf = (c: { system_key: string; account_key: string; type_key: number }) => {
    const key = `${c.system_key}\u0000${c.account_key}\u0000${c.type_key}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        keys: { system_key: c.system_key, account_key: c.account_key, type_key: c.type_key },
        storedCurrent: null,
        shift: 0,
        pending: [],
      };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of existing) {
    known.set(identityString(r), r);
    if (r.position === null && r.type_key !== NO_HASH_TYPE) groupOf(r).storedCurrent = r.id;
  }

  const plan: IngestPlan = { inserts: [], demotions: [], secretFills: [], duplicates: 0 };
  for (const c of batch) {
    const stored = known.get(c.identity);
    if (stored) {
      plan.duplicates++;
      if (!stored.has_secret && c.secret !== null) {
        plan.secretFills.push({ id: stored.id, secret: c.secret });
        stored.has_secret = true;
      }
      continue;
    }
    if (c.type_key === NO_HASH_TYPE) {
      plan.inserts.push({ c, position: null });
      continue;
    }
    const g = groupOf(c);
    if (c.position !== null) {
      g.pending.push({ c, position: c.position });
      continue;
    }
    const pendingCurrent = g.pending.find((p) => p.position === null);
    if (pendingCurrent || g.storedCurrent !== null) {
      for (const p of g.pending) p.position = p.position === null ? 0 : p.position + 1;
      if (g.storedCurrent !== null) g.shift++;
    }
    g.pending.push({ c, position: null });
  }

  const byShift = new Map<number, Demotion>();
  for (const g of groups.values()) {
    plan.inserts.push(...g.pending);
    if (g.shift === 0 || g.storedCurrent === null) continue;
    let d = byShift.get(g.shift);
    if (!d) {
      d = { shift: g.shift, ids: [], groups: [] };
      byShift.set(g.shift, d);
    }
    d.ids.push(g.storedCurrent);
    d.groups.push(g.keys);
  }
  for (const d of byShift.values())
    for (let i = 0; i < d.ids.length; i += LOOKUP_CHUNK)
      plan.demotions.push({
        shift: d.shift,
        ids: d.ids.slice(i, i + LOOKUP_CHUNK),
        groups: d.groups.slice(i, i + LOOKUP_CHUNK),
      });
  return plan;
}
