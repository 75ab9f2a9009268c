import type { DB } from '@steppingstones/db';
import type { CredentialStatsQuery } from '@steppingstones/shared/credential-stats';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { credentialConditions } from '../credentials/credential.filter.ts';

/**
 * The vault list's conditions for one engagement, over current credentials and their history alike
 * (the list shows only current ones; statistics and aids need the earlier hashes too).
 */
export function analyticsConditions(
  eb: ExpressionBuilder<DB, 'credential'>,
  engagementId: number,
  filter: Omit<CredentialStatsQuery, 'engagement'>,
): Expression<SqlBool>[] {
  // The list's first two conditions are the engagement and `position is null`; keep the first only.
  const [engagement, , ...rest] = credentialConditions(eb, engagementId, filter);
  return [engagement as Expression<SqlBool>, ...rest];
}
