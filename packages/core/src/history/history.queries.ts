import type { DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { canSeeUnsharedAttachments } from '../attachments/attachment.policy.ts';
import { NotFoundError } from '../errors.ts';
import { redactorFor } from '../events/event.redaction.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementAccess,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';
import type { EventSnapshot } from './event-snapshot.ts';
import { redactDiff, redactSnapshot } from './revision-redaction.ts';
import { canUseTrash, requireOwnTrashAccess } from './trash.policy.ts';

export interface RevisionDto {
  id: number;
  seq: number;
  action: string;
  at: string;
  actor: string | null;
  diff: Record<string, [unknown, unknown]>;
  snapshot: EventSnapshot;
}

/**
 * Every revision of one event, newest first, with who, when and what changed, masked exactly as the grid
 * masks the event for this principal. A deleted event's history is part of the trash: only those who may
 * see the trash get it, everyone else gets the 404 the event itself answers.
 */
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
  const engagementId = Number(first.engagement_id);
  requireEngagementPermission(principal, engagementId, 'event.view', 'The event');
  if (!canUseTrash(principal, engagementId) && (await isDeleted(db, eventId)))
    throw new NotFoundError('The event');
  const redact = redactorFor(principalInEngagement(principal, engagementId));
  const view = { unsharedAttachments: canSeeUnsharedAttachments(principal, engagementId) };
  return rows.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
    action: r.action,
    at: toIsoUtc(Number(r.created_at)),
    actor: r.username ?? null,
    diff: redactDiff(JSON.parse(r.diff), redact, view),
    snapshot: redactSnapshot(JSON.parse(r.snapshot), redact, view),
  }));
}

export interface TrashItem {
  id: number;
  engagement: string;
  deleted_at: string;
  deleted_by: string | null;
  timestamp: string;
  description: string;
}

/** Whether the event is in the trash (a purged event is neither: it has no row and no history). */
async function isDeleted(db: Kysely<DB>, eventId: number): Promise<boolean> {
  const row = await db.selectFrom('event').select('deleted_at').where('id', '=', eventId).executeTakeFirst();
  return row !== undefined && row.deleted_at !== null;
}

/**
 * Deleted events of one engagement, most recently deleted first (the trash: all of it for engagement
 * administrators, their own deletions for operators). Descriptions are masked like the grid's.
 */
export async function listDeletedEvents(
  db: Kysely<DB>,
  principal: Principal,
  engagementId: number,
): Promise<TrashItem[]> {
  requireEngagementAccess(principal, engagementId, 'The engagement');
  requireOwnTrashAccess(principal, engagementId);
  // An operator's trash holds what they deleted themselves; the lead's holds everything.
  const ownOnly = !canUseTrash(principal, engagementId);
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
    .$if(ownOnly, (q) => q.where('event.updated_by', '=', principal.userId))
    .orderBy('event.deleted_at', 'desc')
    .limit(1000)
    .execute();
  const redact = redactorFor(principalInEngagement(principal, engagementId));
  return rows.map((r) => ({
    id: Number(r.id),
    engagement: r.code,
    deleted_at: toIsoUtc(Number(r.deleted_at)),
    deleted_by: r.username ?? null,
    timestamp: toIsoUtc(Number(r.start_at)),
    description: redact(r.description),
  }));
}
