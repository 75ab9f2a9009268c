import { dialectOf, type Tx } from '@steppingstones/db';
import { sql } from 'kysely';
import { deriveSecretFields } from '../../credential-analytics/index.ts';

export interface StoredHash {
  id: number;
  hash_key: string;
  account_key: string;
  open: boolean;
}

/** The stored rows (any position) of an engagement whose hash key is in `keys`: one query per call. */
export async function rowsWithHashKeys(tx: Tx, engagementId: number, keys: string[]): Promise<StoredHash[]> {
  if (!keys.length) return [];
  const list =
    dialectOf(tx) === 'postgres'
      ? sql`select unnest(${keys}::text[])`
      : sql`select value from json_each(${JSON.stringify(keys)})`;
  const rows = await tx
    .selectFrom('credential')
    .select(['id', 'hash_key', 'account_key', 'secret'])
    .where('engagement_id', '=', engagementId)
    .where(sql<boolean>`hash_key in (${list})`)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    hash_key: r.hash_key,
    account_key: r.account_key,
    open: r.secret === null,
  }));
}

/** Uncracked LM rows of an engagement (few: LM is rarely stored nowadays), for matching cracked halves. */
export async function openLmRows(tx: Tx, engagementId: number): Promise<StoredHash[]> {
  const rows = await tx
    .selectFrom('credential')
    .select(['id', 'hash_key', 'account_key'])
    .where('engagement_id', '=', engagementId)
    .where('type_key', '=', 3000)
    .where('secret', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    hash_key: r.hash_key,
    account_key: r.account_key,
    open: true,
  }));
}

/** Sets secrets (and the fields derived from them) by id in one statement per call (still uncracked rows only). */
export async function fillSecrets(tx: Tx, fills: Array<{ id: number; secret: string }>): Promise<number> {
  if (!fills.length) return 0;
  const ids = fills.map((f) => f.id);
  const secrets = fills.map((f) => f.secret);
  const derived = secrets.map((s) => deriveSecretFields(s));
  const result =
    dialectOf(tx) === 'postgres'
      ? await sql`update credential set secret = v.s, complexity = v.c, char_mask = v.m, char_mask_effort = v.e, structure = v.st
          from unnest(${ids}::bigint[], ${secrets}::text[], ${derived.map((d) => d.complexity)}::text[],
            ${derived.map((d) => d.char_mask)}::text[], ${derived.map((d) => d.char_mask_effort)}::bigint[],
            ${derived.map((d) => d.structure)}::text[]) as v(i, s, c, m, e, st)
          where credential.id = v.i and credential.secret is null`.execute(tx)
      : await sql`update credential set secret = json_extract(v.value, '$[1]'), complexity = json_extract(v.value, '$[2]'),
            char_mask = json_extract(v.value, '$[3]'), char_mask_effort = json_extract(v.value, '$[4]'),
            structure = json_extract(v.value, '$[5]')
          from json_each(${JSON.stringify(
            fills.map((f, i) => {
              const d = derived[i]!;
              return [f.id, f.secret, d.complexity, d.char_mask, d.char_mask_effort, d.structure];
            }),
          )}) as v
          where credential.id = json_extract(v.value, '$[0]') and credential.secret is null`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}
