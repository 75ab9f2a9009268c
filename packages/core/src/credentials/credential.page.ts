import type { DB } from '@steppingstones/db';
import type { CredentialListQuery } from '@steppingstones/shared/credentials';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CursorKey } from '../events/event.cursor.ts';
import { countUpToCap, type KeyedRow, type SortKeys, walkKeyset } from '../paging/keyset.ts';

/** The keyset of a sort: each ends in the id so every row has a unique key (all are indexed). */
export function credentialSortKeys(sort: CredentialListQuery['sort']): SortKeys {
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const s = sql`credential.system_key`;
  const a = sql`credential.account_key`;
  const id = sql`credential.id`;
  const keys: Record<string, RawBuilder<unknown>[]> = {
    system: [s, a, id],
    account: [a, s, id],
    hash_type: [sql`credential.type_key`, s, a, id],
    created_at: [sql`credential.created_at`, id],
  };
  return { exprs: keys[name] ?? [s, a, id], desc };
}

/** One walk along the sort order of the credentials (see walkKeyset). */
export function walkCredentialIds(
  db: Kysely<DB>,
  conditions: Expression<SqlBool>[],
  keys: SortKeys,
  walkDesc: boolean,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow[]> {
  return walkKeyset(db, 'credential', conditions, keys, walkDesc, after, limit);
}

/** How many credentials match, up to COUNT_CAP + 1. */
export function cappedCredentialCount(db: Kysely<DB>, conditions: Expression<SqlBool>[]): Promise<number> {
  return countUpToCap(
    db,
    db
      .selectFrom('credential')
      .select('credential.id')
      .where((eb) => eb.and(conditions)),
  );
}
