import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { eventEngagementId } from '../events/event.queries.ts';
import { redactorFor } from '../events/event.redaction.ts';
import { type Principal, principalInEngagement, requireEngagementAccess } from '../permissions/index.ts';
import { PENDING_STORAGE } from './attachment.pending.ts';
import { canSeeUnsharedAttachments, requireAttachmentRead } from './attachment.policy.ts';

/** An attachment as the API returns it. */
export interface AttachmentDto {
  id: number;
  event_id: number;
  filename: string;
  size: number;
  sha256: string;
  content_type: string;
  shared: boolean;
  created_by: string | null;
  created_at: string;
}

/** The stored row with what access checks and downloads need. */
export interface AttachmentRecord {
  id: number;
  engagement_id: number;
  event_id: number;
  filename: string;
  size: number;
  sha256: string;
  content_type: string;
  shared: boolean;
  storage: string;
  storage_key: string | null;
  created_by: number | null;
  created_by_username: string | null;
  created_at: number;
}

function selectAttachments(db: Kysely<DB>) {
  return db
    .selectFrom('attachment')
    .leftJoin('app_user', 'app_user.id', 'attachment.created_by')
    .selectAll('attachment')
    .select('app_user.username as created_by_username')
    .where('attachment.storage', '<>', PENDING_STORAGE);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAttachments>['execute']>>[number];

function toRecord(r: Row): AttachmentRecord {
  return {
    id: Number(r.id),
    engagement_id: Number(r.engagement_id),
    event_id: Number(r.event_id),
    filename: r.filename,
    size: Number(r.size),
    sha256: r.sha256,
    content_type: r.content_type,
    shared: Boolean(Number(r.shared)),
    storage: r.storage,
    storage_key: r.storage_key,
    created_by: r.created_by === null ? null : Number(r.created_by),
    created_by_username: r.created_by_username ?? null,
    created_at: Number(r.created_at),
  };
}

/**
 * The DTO for this principal: the file name is masked like the grid masks file names for readers
 * without `credential.view` (a name can carry a hash or a password).
 */
export function toAttachmentDto(r: AttachmentRecord, principal: Principal): AttachmentDto {
  const redact = redactorFor(principalInEngagement(principal, r.engagement_id));
  return {
    id: r.id,
    event_id: r.event_id,
    filename: redact(r.filename),
    size: r.size,
    sha256: r.sha256,
    content_type: r.content_type,
    shared: r.shared,
    created_by: r.created_by_username,
    created_at: new Date(r.created_at).toISOString(),
  };
}

/** The attachments of a live event this principal may see (blue team: shared ones only), oldest first. */
export async function listEventAttachments(
  db: Kysely<DB>,
  principal: Principal,
  eventId: number,
): Promise<AttachmentDto[]> {
  const engagementId = await eventEngagementId(db, principal, eventId);
  requireAttachmentRead(principal, engagementId);
  let q = selectAttachments(db).where('attachment.event_id', '=', eventId).orderBy('attachment.id');
  if (!canSeeUnsharedAttachments(principal, engagementId)) q = q.where('attachment.shared', '=', 1);
  return (await q.execute()).map((r) => toAttachmentDto(toRecord(r), principal));
}

/**
 * One attachment of a live event, if this principal may read it. Not a member, the event in the trash,
 * or (blue team) not shared: all 404 alike, so the existence of an unshared attachment does not leak.
 */
export async function findVisibleAttachment(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
): Promise<AttachmentRecord> {
  const row = await selectAttachments(db)
    .innerJoin('event', 'event.id', 'attachment.event_id')
    .where('attachment.id', '=', id)
    .where('event.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The attachment');
  const record = toRecord(row);
  requireEngagementAccess(principal, record.engagement_id, 'The attachment');
  requireAttachmentRead(principal, record.engagement_id);
  if (!record.shared && !canSeeUnsharedAttachments(principal, record.engagement_id))
    throw new NotFoundError('The attachment');
  return record;
}

/** The bucket keys of an engagement's attachments (a purge removes those objects after its commit). */
export async function objectKeysOfEngagement(db: Kysely<DB>, engagementId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('attachment')
    .select('storage_key')
    .where('engagement_id', '=', engagementId)
    .where('storage', '=', 's3')
    .execute();
  return rows.flatMap((r) => (r.storage_key ? [r.storage_key] : []));
}
