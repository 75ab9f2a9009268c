import { CREDENTIAL_SEARCH_TEXT_SQL, type DB } from '@steppingstones/db';
import type { CredentialFilter } from '@steppingstones/shared/credentials';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { hashKey, textKey } from './credential-keys.ts';

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);
/** One expression for the four searched fields: PostgreSQL finds terms in it by its trigram index. */
const searchText = sql.raw(`(${CREDENTIAL_SEARCH_TEXT_SQL})`);

/**
 * The list's conditions over current credentials of one engagement. Search: every space-separated
 * term must match account, system, purpose or secret (contains, any case) or equal the hash.
 */
export function credentialConditions(
  eb: ExpressionBuilder<DB, 'credential'>,
  engagementId: number,
  filter: Omit<CredentialFilter, 'engagement'>,
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
  for (const term of (filter.search ?? '').split(/\s+/).filter(Boolean)) {
    const like = `%${escapeLike(term.toLowerCase())}%`;
    out.push(
      sql<SqlBool>`(${searchText} like ${like} escape '\\' or credential.hash_key = ${hashKey(term)})`,
    );
  }
  return out;
}
