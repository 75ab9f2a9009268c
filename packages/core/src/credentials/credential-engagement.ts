import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import {
  canAccessEngagement,
  type PermissionCode,
  type Principal,
  requireEngagementPermission,
} from '../permissions/index.ts';

export type CredentialPermission = Extract<PermissionCode, `credential.${string}`>;

export interface VaultEngagement {
  id: number;
  code: string;
}

/**
 * The engagement a credential request names by code, checked for `code`: an engagement the caller
 * does not belong to answers 404 like an unknown one; a member without the permission 403.
 */
export async function vaultEngagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
  permission: CredentialPermission,
): Promise<VaultEngagement> {
  const row = await db
    .selectFrom('engagement')
    .select(['id', 'code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row || !canAccessEngagement(principal, Number(row.id))) throw new NotFoundError('The engagement');
  requireEngagementPermission(principal, Number(row.id), permission, 'The engagement');
  return { id: Number(row.id), code: row.code };
}

/** The engagement of a stored credential, checked for `permission` (404 when not a member). */
export async function credentialEngagementId(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  permission: CredentialPermission,
): Promise<number> {
  const row = await db
    .selectFrom('credential')
    .select('engagement_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The credential');
  const engagementId = Number(row.engagement_id);
  requireEngagementPermission(principal, engagementId, permission, 'The credential');
  return engagementId;
}
