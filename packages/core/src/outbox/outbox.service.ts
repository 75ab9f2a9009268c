import { nowMs, type Tx } from '@steppingstones/db';

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
export async function appendDomainEvent(tx: Tx, input: DomainEventInput): Promise<number> {
  const row = await tx
    .insertInto('domain_event')
    .values({
      type: input.type,
      engagement_id: input.engagementId,
      actor_user_id: input.actorUserId ?? null,
      payload: JSON.stringify(input.payload ?? {}),
      created_at: nowMs(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
