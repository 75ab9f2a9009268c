import type { DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { redactorFor } from '../events/event.redaction.ts';
import { type Principal, requireEngagementAccess, requirePermission } from '../permissions/index.ts';
import type { EventSnapshot } from './event-snapshot.ts';

export interface RevisionDto {
  id: number;
  seq: number;
  action: string;
  at: string;
  actor: string | null;
  diff: Record<string, [unknown, unknown]>;
  snapshot: EventSnapshot;
}

/** Masks raw evidence inside snapshots and diffs for users who may not see credentials. */
function redactRevision(principal: Principal, r: RevisionDto): RevisionDto {
  const redact = redactorFor(principal);
  const diff = { ...r.diff };
  if (diff.raw_evidence)
    diff.raw_evidence = diff.raw_evidence.map((v) => (typeof v === 'string' ? redact(v) : v)) as [
      unknown,
      unknown,
    ];
  return { ...r, diff, snapshot: { ...r.snapshot, raw_evidence: redact(r.snapshot.raw_evidence) } };
}

/** Every revision of one event, newest first, with who, when and what changed. */
export async function listEventRevisions(
  db: Kysely<DB>,
  principal: Principal,
  eventId: number,
): Promise<RevisionDto[]> {
  requirePermission(principal, 'event.view');
  const rows = await db
    .selectFrom('event_revision')
    .leftJoin('app_user', 'app_user.id', 'event_revision.actor_user_id')
    .select([
      'event_revision.id',
      'event_revision.seq',
      'event_revision.action',
      'event_revision.created_at',
      'event_revision.diff',
      'event_revision.snapshot',
      'event_revision.engagement_id',
      'app_user.username',
    ])
    .where('event_revision.event_id', '=', eventId)
    .orderBy('event_revision.seq', 'desc')
    .execute();
  const first = rows[0];
  if (!first) throw new NotFoundError('The event');
  requireEngagementAccess(principal, Number(first.engagement_id), 'The event');
  return rows.map((r) =>
    redactRevision(principal, {
      id: Number(r.id),
      seq: Number(r.seq),
      action: r.action,
      at: toIsoUtc(Number(r.created_at)),
      actor: r.username ?? null,
      diff: JSON.parse(r.diff),
      snapshot: JSON.parse(r.snapshot),
    }),
  );
}

export interface TrashItem {
  id: number;
  engagement: string;
  deleted_at: string;
  deleted_by: string | null;
  timestamp: string;
  description: string;
}

/** Deleted events of the engagements the principal belongs to, most recently deleted first. */
export async function listDeletedEvents(
  db: Kysely<DB>,
  principal: Principal,
  engagementId: number,
): Promise<TrashItem[]> {
  requirePermission(principal, 'event.delete');
  requireEngagementAccess(principal, engagementId, 'The engagement');
  const rows = await db
    .selectFrom('event')
    .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
    .leftJoin('app_user', 'app_user.id', 'event.updated_by')
    .select([
      'event.id',
      'engagement.code',
      'event.deleted_at',
      'app_user.username',
      'event.start_at',
      'event.description',
    ])
    .where('event.engagement_id', '=', engagementId)
    .where('event.deleted_at', 'is not', null)
    .orderBy('event.deleted_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    engagement: r.code,
    deleted_at: toIsoUtc(Number(r.deleted_at)),
    deleted_by: r.username ?? null,
    timestamp: toIsoUtc(Number(r.start_at)),
    description: r.description,
  }));
}
