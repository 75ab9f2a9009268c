import { lockTransaction, notifyChannel } from '@steppingstones/db';
import { type ClockedHandle, transactionOf } from '../service-context.ts';

/** Any constant works; it only has to be the same in every process. */
const OUTBOX_LOCK_KEY = 0x55_0b_0c;

/** The notification channel new outbox ids are announced on. */
export const OUTBOX_CHANNEL = 'ss_outbox';

export interface DomainEventInput {
  /** e.g. `engagement.created`, `event.updated`; stable names, stored forever. */
  type: string;
  engagementId: number | null;
  actorUserId?: number | null;
  /** Ids and small facts only: consumers refetch through permission-checked APIs. */
  payload?: Record<string, unknown>;
}

/**
 * Appends a domain event to the outbox inside the caller's write transaction, so the change and its
 * announcement commit or roll back together. Returns the outbox id (increasing; SSE uses it as `id:`).
 */
export async function appendDomainEvent(ctx: ClockedHandle, input: DomainEventInput): Promise<number> {
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  // On PostgreSQL a sequence hands out ids at insert time, not at commit, so without this lock a tailer
  // could read id 11 before a slower transaction commits id 10 and skip it forever. Holding one
  // transaction-scoped lock from the insert to the commit makes ids visible in order. (SQLite writers
  // are already serialised by BEGIN IMMEDIATE.)
  await lockTransaction(tx, OUTBOX_LOCK_KEY);
  const row = await tx
    .insertInto('domain_event')
    .values({
      type: input.type,
      engagement_id: input.engagementId,
      actor_user_id: input.actorUserId ?? null,
      payload: JSON.stringify(input.payload ?? {}),
      created_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // NOTIFY is delivered at commit: live streams in every instance wake without polling.
  await notifyChannel(tx, OUTBOX_CHANNEL, String(row.id));
  return Number(row.id);
}
