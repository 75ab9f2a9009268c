import type { ClockedHandle } from '../service-context.ts';

export interface AuditActor {
  userId: number | null;
  username: string;
  ip?: string;
}

export interface AuditInput {
  /** e.g. `login.failed`, `user.created`, `engagement.purged`; stable names, stored forever. */
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  /** The engagement the entry is about, so its leads see it (omitted: superusers only). */
  engagementId?: number | null;
}

/**
 * Records a security event, stamped by the context's clock. Pass the context on the write transaction
 * (`inTransaction`) when the event belongs to a change, so both commit together; login failures have
 * no transaction and write on their own.
 *
 * A bare database handle is still accepted from the services not yet handed a context (credentials);
 * those entries take the wall clock.
 */
export async function recordAudit(
  ctx: ClockedHandle,
  actor: AuditActor | null,
  input: AuditInput,
): Promise<void> {
  const { db, clock } = ctx;
  await db
    .insertInto('audit_log')
    .values({
      at: clock.now(),
      actor_user_id: actor?.userId ?? null,
      actor: actor?.username ?? '',
      action: input.action,
      engagement_id: input.engagementId ?? null,
      target: input.target ?? '',
      ip: actor?.ip ?? '',
      details: JSON.stringify(input.details ?? {}),
    })
    .execute();
}
