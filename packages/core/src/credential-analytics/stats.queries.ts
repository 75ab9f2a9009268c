import type { DB } from '@steppingstones/db';
import type { CredentialStatsDto, CredentialStatsQuery } from '@steppingstones/shared/credential-stats';
import type { Kysely } from 'kysely';
import { vaultEngagement } from '../credentials/credential-engagement.ts';
import type { Principal } from '../permissions/index.ts';
import { computeStats } from './stats-compute.ts';

/**
 * The statistics page's figures for one engagement and the filter in the request, computed by the
 * database per request (nothing cached, nothing written, so concurrent filters never meet).
 */
export async function credentialStats(
  db: Kysely<DB>,
  principal: Principal,
  query: CredentialStatsQuery,
): Promise<CredentialStatsDto> {
  const { engagement: code, ...filter } = query;
  const engagement = await vaultEngagement(db, principal, code, 'credential.view');
  return { engagement: engagement.code, ...(await computeStats(db, engagement.id, filter)) };
}
