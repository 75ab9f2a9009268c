import type { DB } from '@steppingstones/db';
import type { AttachmentQueries, ReportAttachment } from '@steppingstones/plugin-sdk';
import type { Kysely } from 'kysely';
import { readEmbeddableImage } from '../../attachments/attachment.image.ts';
import { PENDING_STORAGE } from '../../attachments/attachment.pending.ts';
import type { Redactor } from '../../events/event.redaction.ts';
import { visibleAttachmentCondition, visibleAttachmentsOf } from '../../events/event-attachments.query.ts';
import { type Principal, requireEngagementPermission } from '../../permissions/index.ts';

/** The attachments of a page of report events the principal may see, names masked as in the grid. */
export async function reportAttachmentsOf(
  db: Kysely<DB>,
  principal: Principal,
  eventIds: number[],
  redact: Redactor,
): Promise<Map<number, ReportAttachment[]>> {
  const out = new Map<number, ReportAttachment[]>();
  for (const [eventId, list] of await visibleAttachmentsOf(db, principal, eventIds))
    out.set(
      eventId,
      list.map((a) => ({
        id: a.id,
        filename: redact(a.filename),
        size: a.size,
        sha256: a.sha256,
        contentType: a.content_type,
        shared: a.shared,
      })),
    );
  return out;
}

export interface ReportAttachmentScope {
  db: Kysely<DB>;
  principal: Principal;
  engagementId: number;
  /** ATTACHMENTS_S3_URL, so images stored in the bucket can be embedded too. */
  attachmentsS3Url?: string | undefined;
}

/**
 * `ctx.attachments` of a report: every call checks again that the attachment belongs to a live event of
 * the report's engagement and that the principal may see it (the blue team: shared only).
 */
export function reportAttachmentQueries(scope: ReportAttachmentScope): AttachmentQueries {
  const { db, principal, engagementId } = scope;
  return {
    async imageDataUri(attachmentId, options = {}) {
      requireEngagementPermission(principal, engagementId, 'event.view', 'The engagement');
      if (!Number.isInteger(attachmentId)) return null;
      const visible = visibleAttachmentCondition(principal);
      let q = db
        .selectFrom('attachment')
        .innerJoin('event', 'event.id', 'attachment.event_id')
        .select([
          'attachment.id',
          'attachment.size',
          'attachment.content_type',
          'attachment.storage',
          'attachment.storage_key',
        ])
        .where('attachment.id', '=', attachmentId)
        .where('attachment.engagement_id', '=', engagementId)
        .where('attachment.storage', '<>', PENDING_STORAGE)
        .where('event.deleted_at', 'is', null);
      if (visible) q = q.where(visible);
      const row = await q.executeTakeFirst();
      if (!row) return null;
      const bytes = await readEmbeddableImage(
        db,
        scope.attachmentsS3Url,
        { ...row, id: Number(row.id), size: Number(row.size) },
        options.maxBytes,
      );
      return bytes ? `data:${row.content_type};base64,${bytes.toString('base64')}` : null;
    },
  };
}
