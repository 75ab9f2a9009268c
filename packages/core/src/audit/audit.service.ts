import { type DB, nowMs, type Tx } from '@steppingstones/db';
import type { Kysely } from 'kysely';

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
 * Records a security event. Pass the write transaction when the event belongs to a change, so both
 * commit together; login failures have no transaction and write on their own.
 */
export async function recordAudit(
  db: Kysely<DB> | Tx,
  actor: AuditActor | null,
  input: AuditInput,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: nowMs(),
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
