import { CREDENTIAL_SEARCH_TEXT_SQL, type DB, type DialectName } from '@steppingstones/db';
import type { CredentialFilter } from '@steppingstones/shared/credentials';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { hashKey, textKey } from './credential-keys.ts';

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);
/** One expression for the four searched fields: PostgreSQL finds terms in it by its trigram index. */
const searchText = sql.raw(`(${CREDENTIAL_SEARCH_TEXT_SQL})`);

/** A term of three characters or more: the shortest a trigram index can find. */
const TRIGRAM = /^.{3,}$/u;

/**
 * One search term. On SQLite a term of 3+ characters is looked up in the trigram index of current
 * credentials (migration 0030), which folds case beyond ASCII; rows changed since they were indexed
 * are noted and read directly. Shorter terms, and searches over earlier hashes too (statistics),
 * read the rows.
 */
function termCondition(term: string, indexed: boolean) {
  const exact = hashKey(term);
  const like = `%${escapeLike(term.toLowerCase())}%`;
  if (indexed && TRIGRAM.test(term)) {
    const phrase = `"${term.replace(/"/g, '""')}"`;
    const noted = sql`(select id from credential_search_dirty)`;
    return sql<SqlBool>`((credential.id in (select rowid from credential_search where credential_search match ${phrase}) and credential.id not in ${noted}) or (credential.id in ${noted} and ${searchText} like ${like} escape '\\') or credential.hash_key = ${exact})`;
  }
  return sql<SqlBool>`(${searchText} like ${like} escape '\\' or credential.hash_key = ${exact})`;
}

/**
 * The list's conditions over current credentials of one engagement. Search: every space-separated
 * term must match account, system, purpose or secret (contains, any case) or equal the hash.
 */
export function credentialConditions(
  eb: ExpressionBuilder<DB, 'credential'>,
  engagementId: number,
  filter: Omit<CredentialFilter, 'engagement'>,
  /** The database's dialect, when the conditions are for current credentials only (the list, exports). */
  dialect?: DialectName,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [
    eb('credential.engagement_id', '=', engagementId),
    eb('credential.position', 'is', null),
  ];
  if (filter.system !== undefined) out.push(eb('credential.system_key', '=', textKey(filter.system)));
  if (filter.account !== undefined) out.push(eb('credential.account_key', '=', textKey(filter.account)));
  if (filter.hash_type !== undefined) out.push(eb('credential.type_key', '=', filter.hash_type));
  if (filter.cracked !== undefined) out.push(eb('credential.secret', filter.cracked ? 'is not' : 'is', null));
  if (filter.enabled !== undefined) out.push(eb('credential.enabled', '=', filter.enabled ? 1 : 0));
  if (filter.source !== undefined) out.push(eb('credential.source', '=', filter.source));
  if (filter.event !== undefined) out.push(eb('credential.event_id', '=', filter.event));
  for (const term of (filter.search ?? '').split(/\s+/).filter(Boolean))
    out.push(termCondition(term, dialect === 'sqlite'));
  return out;
}
