import { sql } from 'kysely';
import { deriveSecretFields } from '../credential-analytics/index.ts';
import type { CredentialFinding } from '../extraction/credential-finding.ts';
import { type ServiceContext, transactionOf } from '../service-context.ts';
import { type ExistingRow, loadExisting, planIngest } from './credential-ingest.plan.ts';
import { insertCredentialRows } from './credential-insert.ts';
import { hashKey, type IdentityKeys, NO_HASH_TYPE, secretKey, textKey } from './credential-keys.ts';

/** A finding as the vault takes it: the extractors' shape, plus what an import may know besides. */
export type VaultFinding = CredentialFinding & { sourceTime?: number | null; enabled?: boolean };

export interface IngestOrigin {
  eventId?: number | null;
  importId?: number | null;
  c2ActionId?: number | null;
}

export interface IngestActor {
  /** null (or 0, the system principal) when no user account is behind the write. */
  userId: number | null;
  username: string;
}

export interface IngestInput {
  engagementId: number;
  findings: readonly VaultFinding[];
  origin: IngestOrigin;
  actor: IngestActor;
}

export interface IngestCounts {
  newHashes: number;
  newSecrets: number;
  historyHashes: number;
  duplicates: number;
}

/** One row the batch may write: a finding's current credential or one of its history hashes. */
export interface Candidate extends IdentityKeys {
  identity: string;
  finding: VaultFinding;
  hash: string;
  hashType: number | null;
  secret: string | null;
  /** null = offered as the account's current credential; n = its n-th older hash. */
  position: number | null;
}

function candidate(f: VaultFinding, hash: string, secret: string | null, position: number | null): Candidate {
  const hasHash = hash !== '';
  const system_key = textKey(f.system);
  const account_key = textKey(f.account);
  const hash_key = hasHash ? hashKey(hash) : secretKey(secret ?? '');
  const type_key = hasHash ? (f.hashType ?? -1) : NO_HASH_TYPE;
  return {
    system_key,
    account_key,
    hash_key,
    type_key,
    identity: `${system_key}\u0000${account_key}\u0000${type_key}\u0000${hash_key}`,
    finding: f,
    hash,
    hashType: f.hashType,
    secret,
    position,
  };
}

// Hot path of a million-line import: plain loops and object literals, no spreads.
function candidatesOf(findings: readonly VaultFinding[]): Candidate[] {
  const out: Candidate[] = [];
  for (const f of findings) {
    const hash = f.hash.trim();
    // A finding with neither hash nor secret may still bring history (older hashes only).
    if (hash !== '' || f.secret !== null) out.push(candidate(f, hash, f.secret, null));
    const history = f.history;
    if (!history) continue;
    for (let i = 0; i < history.length; i++) {
      const h = (history[i] as string).trim();
      if (h) out.push(candidate(f, h, null, i));
    }
  }
  return out;
}

/** Appends a row's values, in INSERT_COLUMNS order, to the flat parameter list of a batch. */
function pushRow(
  params: unknown[],
  c: Candidate,
  input: IngestInput,
  position: number | null,
  now: number,
): void {
  const f = c.finding;
  params.push(
    input.engagementId,
    f.source || null,
    f.sourceTime ?? null,
    f.system,
    f.account,
    c.secret,
    c.hash,
    c.type_key === NO_HASH_TYPE ? null : (c.hashType ?? -1),
    f.purpose,
    f.enabled === false ? 0 : 1,
    input.actor.userId || null,
    input.actor.username,
    now,
    input.origin.eventId ?? null,
    input.origin.importId ?? null,
    input.origin.c2ActionId ?? null,
    position,
    c.system_key,
    c.account_key,
    c.hash_key,
    c.type_key,
    ...derivedParams(c.secret),
  );
}

/** The derived columns in INSERT_COLUMNS order, set with the secret so they are never missing or stale. */
function derivedParams(secret: string | null): unknown[] {
  const d = deriveSecretFields(secret);
  return [d.complexity, d.char_mask, d.char_mask_effort, d.structure];
}

/** Counted by what each row was offered as, wherever a later row of the batch moved it. */
function tally(rows: Array<{ c: Candidate }>, counts: IngestCounts): void {
  for (const { c } of rows) {
    if (c.position !== null) counts.historyHashes++;
    else if (c.type_key !== NO_HASH_TYPE) counts.newHashes++;
    if (c.secret !== null) counts.newSecrets++;
  }
}

/**
 * Adds findings to an engagement's vault inside the caller's transaction, set-based: the batch is
 * de-duplicated in memory, then written with multi-row inserts. A hash already known (in any case)
 * adds nothing; a new hash for an account that has a current one of that type moves the older into the
 * account's history. The caller has checked `credential.add` in the engagement.
 *
 * The common case (everything new: a first NTDS import) is tried first under a savepoint; if any row
 * clashes with what is stored, the batch is rolled back to the savepoint and planned against the
 * stored rows of its accounts.
 */
export async function ingestFindings(target: ServiceContext, input: IngestInput): Promise<IngestCounts> {
  const { clock } = target;
  const tx = transactionOf(target);
  const counts: IngestCounts = { newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 0 };
  const all = candidatesOf(input.findings);
  const seen = new Map<string, Candidate>();
  const currentOf = new Set<string>();
  let clash = false;
  for (const c of all) {
    const prior = seen.get(c.identity);
    if (prior) {
      counts.duplicates++;
      if (prior.secret === null && c.secret !== null) prior.secret = c.secret;
      continue;
    }
    seen.set(c.identity, c);
    if (c.position === null && c.type_key !== NO_HASH_TYPE) {
      const group = `${c.system_key}\u0000${c.account_key}\u0000${c.type_key}`;
      if (currentOf.has(group)) clash = true;
      currentOf.add(group);
    }
  }
  const unique = [...seen.values()];
  if (unique.length === 0) return counts;
  const now = clock.now();

  if (!clash) {
    await sql`savepoint credential_ingest`.execute(tx);
    const params: unknown[] = [];
    for (const c of unique) pushRow(params, c, input, c.position, now);
    const inserted = await insertCredentialRows(tx, params);
    if (inserted === unique.length) {
      await sql`release savepoint credential_ingest`.execute(tx);
      tally(
        unique.map((c) => ({ c })),
        counts,
      );
      return counts;
    }
    await sql`rollback to savepoint credential_ingest`.execute(tx);
    await sql`release savepoint credential_ingest`.execute(tx);
  }

  const existing: ExistingRow[] = await loadExisting(tx, input.engagementId, unique);
  const plan = planIngest(unique, existing);
  counts.duplicates += plan.duplicates;
  for (const { shift, ids, groups } of plan.demotions) {
    const tuples = groups.map((g) => sql`(${g.system_key}, ${g.account_key}, ${g.type_key})`);
    await tx
      .updateTable('credential')
      .set({ position: sql`position + ${shift}` })
      .where('engagement_id', '=', input.engagementId)
      .where('position', 'is not', null)
      .where(sql`(system_key, account_key, type_key)`, 'in', sql`(${sql.join(tuples)})`)
      .execute();
    await tx
      .updateTable('credential')
      .set({ position: shift - 1 })
      .where('id', 'in', ids)
      .execute();
  }
  for (const fill of plan.secretFills) {
    await tx
      .updateTable('credential')
      .set({ secret: fill.secret, ...deriveSecretFields(fill.secret) })
      .where('id', '=', fill.id)
      .where('secret', 'is', null)
      .execute();
    counts.newSecrets++;
  }
  const params: unknown[] = [];
  for (const { c, position } of plan.inserts) pushRow(params, c, input, position, now);
  await insertCredentialRows(tx, params);
  tally(plan.inserts, counts);
  return counts;
}
