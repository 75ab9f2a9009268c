import { writeTransaction } from '@steppingstones/db';
import type { RoleSlug } from '@steppingstones/shared/roles';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { announceAccessChange } from './access-changed.ts';
import type { MemberDto } from './engagement-members.ts';
import { listEngagementMembers } from './engagement-members.ts';
import { checkPasswordRules, hashPassword } from './password.ts';
import { insertUser } from './user.service.ts';

/**
 * A lead's new user: an account that belongs to this engagement only (so the lead may later reset or
 * deactivate it). A taken username is a field error, as everywhere a user is created.
 */
export async function createEngagementMember(
  ctx: ServiceContext,
  engagement: { id: number; code: string },
  input: { username: string; password: string; role: RoleSlug; display_name?: string | undefined },
  actor: AuditActor,
): Promise<MemberDto> {
  checkPasswordRules(input.password, input.username, 'password');
  const hash = await hashPassword(input.password);
  return writeTransaction(ctx.db, async (tx) => {
    const user = await insertUser(
      inTransaction(ctx, tx),
      {
        username: input.username,
        password: input.password,
        display_name: input.display_name ?? '',
        memberships: [{ engagement: engagement.code, role: input.role }],
      },
      hash,
    );
    await announceAccessChange(inTransaction(ctx, tx), [Number(user.id)]);
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'user.created',
      engagementId: engagement.id,
      target: user.username,
      details: { is_superuser: false, memberships: [{ engagement: engagement.code, role: input.role }] },
    });
    const members = await listEngagementMembers(tx, engagement.id);
    return members.find((m) => m.username === user.username) as MemberDto;
  });
}
