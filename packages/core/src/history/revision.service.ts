import { lockRows } from '@steppingstones/db';
import { historyKeyOf, type ServiceContext, transactionOf } from '../service-context.ts';
import { GENESIS_HASH, revisionHash } from './chain-hash.ts';
import { diffSnapshots, type EventSnapshot, snapshotEvent } from './event-snapshot.ts';

export type RevisionAction = 'create' | 'update' | 'delete' | 'restore' | 'undelete';

/**
 * Appends the event's current state as a revision to its engagement's chain, in the caller's write
 * transaction (so the change and its history commit together). The chain head row is locked first:
 * on PostgreSQL with FOR UPDATE, on SQLite by the BEGIN IMMEDIATE the transaction already holds, so two
 * writers never both link to the same predecessor.
 */
export async function recordEventRevision(
  ctx: ServiceContext,
  input: { eventId: number; action: RevisionAction; actorUserId: number | null },
): Promise<{ seq: number; hash: string } | undefined> {
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  const key = historyKeyOf(ctx);
  const snapshot = await snapshotEvent(tx, input.eventId);
  if (!snapshot) return undefined;
  const engagementId = snapshot.engagement_id;
  const now = clock.now();

  await tx
    .insertInto('history_head')
    .values({ engagement_id: engagementId, seq: 0, hash: GENESIS_HASH, updated_at: now })
    .onConflict((oc) => oc.column('engagement_id').doNothing())
    .execute();
  const head = await tx
    .selectFrom('history_head')
    .select(['seq', 'hash'])
    .where('engagement_id', '=', engagementId)
    .$call(lockRows(tx))
    .executeTakeFirstOrThrow();

  const previous = await tx
    .selectFrom('event_revision')
    .select('snapshot')
    .where('event_id', '=', input.eventId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const before = previous ? (JSON.parse(previous.snapshot) as EventSnapshot) : undefined;

  const content = {
    engagement_id: engagementId,
    seq: Number(head.seq) + 1,
    event_id: input.eventId,
    action: input.action,
    snapshot: JSON.stringify(snapshot),
    diff: JSON.stringify(diffSnapshots(before, snapshot)),
    actor_user_id: input.actorUserId,
    created_at: now,
    prev_hash: head.hash,
  };
  const hash = revisionHash(key, content);
  await tx
    .insertInto('event_revision')
    .values({ ...content, hash })
    .execute();
  await tx
    .updateTable('history_head')
    .set({ seq: content.seq, hash, updated_at: now })
    .where('engagement_id', '=', engagementId)
    .execute();
  return { seq: content.seq, hash };
}
