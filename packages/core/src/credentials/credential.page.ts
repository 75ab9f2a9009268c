import type { CredentialListQuery } from '@steppingstones/shared/credentials';
import { type RawBuilder, sql } from 'kysely';
import type { SortKeys } from '../paging/keyset.ts';

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
