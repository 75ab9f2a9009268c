import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import {
  engagementsWith,
  type PermissionCode,
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
} from '../permissions/index.ts';
import { engagementByCode } from './engagement-choice.ts';

/**
 * The engagements a read of events covers and the principal to mask them for. With a code: that
 * engagement, where the caller must hold `code` (404 for a non-member), and the caller as they stand
 * there. Without: every engagement where they hold it, masked unless credentials are readable in all.
 */
export async function eventReadScope(
  db: Kysely<DB>,
  caller: Principal,
  engagementCode: string | undefined,
  code: PermissionCode = 'event.view',
): Promise<{ principal: Principal; scope: number[] | 'all' }> {
  if (engagementCode) {
    const id = (await engagementByCode(db, caller, engagementCode)).id;
    requireEngagementPermission(caller, id, code, 'The engagement');
    return { principal: principalInEngagement(caller, id), scope: [id] };
  }
  const scope = engagementsWith(caller, code);
  if (scope !== 'all' && scope.length === 0) requireEngagementPermission(caller, -1, code);
  return { principal: caller, scope };
}
