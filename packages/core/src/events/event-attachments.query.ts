import type { DB } from '@steppingstones/db';
import type { EventAttachmentSummaryDto } from '@steppingstones/shared/events';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { PENDING_STORAGE } from '../attachments/attachment.pending.ts';
import { engagementsWith, type Principal } from '../permissions/index.ts';
import type { Redactor } from './event.redaction.ts';

/** How many attachments a grid row names (its thumbnails); the count says how many there are. */
export const ROW_ATTACHMENTS = 3;

/**
 * The attachments a principal may see, as a condition on `attachment`: every one in the engagements
 * where it holds `event.change` (the red team: leads, operators, superusers), only shared ones
 * elsewhere (the blue team). The rule of `canSeeUnsharedAttachments`, for every engagement of a list at
 * once (the grid may span several). Null when it sees every attachment it can reach.
 */
export function visibleAttachmentCondition(
  principal: Principal,
): ((eb: ExpressionBuilder<DB, 'attachment'>) => Expression<SqlBool>) | null {
  const red = engagementsWith(principal, 'event.change');
  if (red === 'all') return null;
  return (eb) =>
    red.length === 0
      ? eb('attachment.shared', '=', 1)
      : eb.or([eb('attachment.shared', '=', 1), eb('attachment.engagement_id', 'in', red)]);
}

export interface EventAttachmentSummary {
  attachment_count: number;
  attachments: EventAttachmentSummaryDto[];
}

const NONE: EventAttachmentSummary = Object.freeze({ attachment_count: 0, attachments: [] });

/** A row's summary, for events without attachments too. */
export function summaryOf(
  summaries: Map<number, EventAttachmentSummary>,
  eventId: number,
): EventAttachmentSummary {
  return summaries.get(eventId) ?? NONE;
}

/**
 * The attachment count and first few attachments (by id) of a page of events, as the principal may see
 * them: one query for the whole page (window functions count and rank per event on the
 * `(event_id, id)` index), never one per row. Names are masked like file names.
 */
export async function attachmentSummaries(
  db: Kysely<DB>,
  principal: Principal,
  eventIds: number[],
  redact: Redactor,
): Promise<Map<number, EventAttachmentSummary>> {
  const out = new Map<number, EventAttachmentSummary>();
  if (eventIds.length === 0) return out;
  const visible = visibleAttachmentCondition(principal);
  let ranked = db
    .selectFrom('attachment')
    .select([
      'attachment.event_id',
      'attachment.id',
      'attachment.filename',
      'attachment.content_type',
      sql<number>`count(*) over (partition by attachment.event_id)`.as('n'),
      sql<number>`row_number() over (partition by attachment.event_id order by attachment.id)`.as('rn'),
    ])
    .where('attachment.event_id', 'in', eventIds)
    .where('attachment.storage', '<>', PENDING_STORAGE);
  if (visible) ranked = ranked.where(visible);
  const rows = await db
    .selectFrom(ranked.as('a'))
    .selectAll()
    .where('a.rn', '<=', ROW_ATTACHMENTS)
    .orderBy('a.event_id')
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const id = Number(r.event_id);
    let summary = out.get(id);
    if (!summary) {
      summary = { attachment_count: Number(r.n), attachments: [] };
      out.set(id, summary);
    }
    summary.attachments.push({
      id: Number(r.id),
      filename: redact(r.filename),
      content_type: r.content_type,
    });
  }
  return out;
}

/** An attachment with what exports and reports show of it (the name unmasked: callers mask it). */
export interface VisibleAttachment {
  id: number;
  filename: string;
  size: number;
  sha256: string;
  content_type: string;
  shared: boolean;
  storage: string;
  storage_key: string | null;
}

/**
 * Every attachment of some events the principal may see, oldest first, in one query (exports and
 * reports list them all, where the grid names three).
 */
export async function visibleAttachmentsOf(
  db: Kysely<DB>,
  principal: Principal,
  eventIds: number[],
): Promise<Map<number, VisibleAttachment[]>> {
  const out = new Map<number, VisibleAttachment[]>();
  if (eventIds.length === 0) return out;
  const visible = visibleAttachmentCondition(principal);
  let q = db
    .selectFrom('attachment')
    .select([
      'attachment.id',
      'attachment.event_id',
      'attachment.filename',
      'attachment.size',
      'attachment.sha256',
      'attachment.content_type',
      'attachment.shared',
      'attachment.storage',
      'attachment.storage_key',
    ])
    .where('attachment.event_id', 'in', eventIds)
    .where('attachment.storage', '<>', PENDING_STORAGE)
    .orderBy('attachment.event_id')
    .orderBy('attachment.id');
  if (visible) q = q.where(visible);
  for (const r of await q.execute()) {
    const id = Number(r.event_id);
    const list = out.get(id) ?? [];
    list.push({
      id: Number(r.id),
      filename: r.filename,
      size: Number(r.size),
      sha256: r.sha256,
      content_type: r.content_type,
      shared: Number(r.shared) === 1,
      storage: r.storage,
      storage_key: r.storage_key,
    });
    out.set(id, list);
  }
  return out;
}
