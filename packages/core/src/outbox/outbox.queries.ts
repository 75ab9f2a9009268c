import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';

export interface DomainEvent {
  id: number;
  type: string;
  engagementId: number | null;
  actorUserId: number | null;
  payload: Record<string, unknown>;
  createdAt: number;
}

/** Reads the outbox after `afterId`, oldest first: the tail that live streams and the worker follow. */
export async function readDomainEventsAfter(
  db: Kysely<DB>,
  afterId: number,
  options: { limit?: number; engagementIds?: number[] } = {},
): Promise<DomainEvent[]> {
  let q = db
    .selectFrom('domain_event')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(options.limit ?? 500);
  if (options.engagementIds) {
    if (options.engagementIds.length === 0) return [];
    q = q.where('engagement_id', 'in', options.engagementIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    engagementId: r.engagement_id === null ? null : Number(r.engagement_id),
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    createdAt: Number(r.created_at),
  }));
}

export async function latestDomainEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('domain_event')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}
