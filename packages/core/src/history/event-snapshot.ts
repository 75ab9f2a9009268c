import type { DB, EventTable } from '@steppingstones/db';
import type { Kysely, Selectable } from 'kysely';
import { PENDING_STORAGE } from '../attachments/attachment.pending.ts';

export interface ContextSnapshot {
  host: string;
  user: string;
  process: string;
}

/**
 * A file as one event distributed it: the engagement-wide file record (every field a reader sees) plus
 * this event's location and removed flag. The file record is shared by every event using it, so a change
 * to it is recorded as a revision of each of those events (files/file.service.ts), and `history verify`
 * notices a hash or description altered in the database.
 */
export interface FileSnapshot {
  file_id: number;
  filename: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  description: string | null;
  location: string | null;
  removed: boolean;
}

/**
 * A file attached to the event (attachments/): its SHA-256 is in the chained hash, so bytes swapped or a
 * row edited in the database shows in `history verify`. `shared` is in too: who let the blue team see it
 * is part of the record.
 */
export interface AttachmentSnapshot {
  attachment_id: number;
  filename: string;
  size: number;
  sha256: string;
  content_type: string;
  shared: boolean;
}

/**
 * Revisions written before files were kept whole hold only name, size and MD5 of a file. Such a revision
 * is compared with the current state reduced the same way (`history verify`, the next revision's diff),
 * so upgrading does not read as every file changing; the next change to the event records files whole.
 */
export function hasPartialFiles(snapshot: { files?: unknown }): boolean {
  return Array.isArray(snapshot.files) && snapshot.files.some((f) => !('sha256' in (f as object)));
}

export function withPartialFiles(snapshot: EventSnapshot): EventSnapshot {
  return {
    ...snapshot,
    files: snapshot.files.map(({ sha1: _sha1, sha256: _sha256, description: _d, ...kept }) => kept),
  } as EventSnapshot;
}

/**
 * An event as history keeps it: its own fields plus the contexts, tags and files it points at. The star
 * is left out on purpose: it is a working marker (starring everything under a filter must not write
 * thousands of revisions), not part of the record of what was done.
 */
export interface EventSnapshot {
  id: number;
  engagement_id: number;
  start_at: number;
  end_at: number | null;
  operator_user_id: number;
  source: ContextSnapshot;
  target: ContextSnapshot;
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string;
  raw_evidence: string;
  outcome: string;
  detected: string;
  prevented: string;
  deleted: boolean;
  tags: string[];
  files: FileSnapshot[];
  /**
   * Present only when the event has attachments, so revisions written before attachments existed (and
   * every event without one) read exactly as before and `history verify` still matches them.
   */
  attachments?: AttachmentSnapshot[];
}

type EventRow = Selectable<EventTable>;

/** Reads an event's current state (deleted or not); a transaction is a Kysely<DB> too. */
export async function snapshotEvent(q: Kysely<DB>, eventId: number): Promise<EventSnapshot | undefined> {
  const e = await q.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst();
  return e ? (await snapshotsOf(q, [e]))[0] : undefined;
}

/**
 * The current state of many events at once: three lookups (contexts, tags, files) for the whole batch
 * instead of three per event, so `history verify` over a large engagement costs a few queries per
 * thousand events. Same order as `events`.
 */
export async function snapshotsOf(q: Kysely<DB>, events: readonly EventRow[]): Promise<EventSnapshot[]> {
  if (events.length === 0) return [];
  const eventIds = events.map((e) => Number(e.id));
  const contextIds = [
    ...new Set(events.flatMap((e) => [Number(e.source_context_id), Number(e.target_context_id)])),
  ];
  const contexts = await q
    .selectFrom('context')
    .select(['id', 'host', 'user', 'process'])
    .where('id', 'in', contextIds)
    .execute();
  const contextById = new Map(contexts.map((c) => [Number(c.id), c]));
  const ctx = (id: number): ContextSnapshot => {
    const c = contextById.get(Number(id));
    return { host: c?.host ?? '', user: c?.user ?? '', process: c?.process ?? '' };
  };
  const tags = await q
    .selectFrom('event_tag')
    .innerJoin('tag', 'tag.id', 'event_tag.tag_id')
    .select(['event_tag.event_id', 'tag.name'])
    .where('event_tag.event_id', 'in', eventIds)
    .execute();
  const tagsByEvent = groupBy(tags, (t) => t.name);
  const files = await q
    .selectFrom('file_distribution')
    .innerJoin('file', 'file.id', 'file_distribution.file_id')
    .select([
      'file_distribution.event_id',
      'file.id',
      'file.filename',
      'file.size',
      'file.md5',
      'file.sha1',
      'file.sha256',
      'file.description',
      'file_distribution.location',
      'file_distribution.removed',
    ])
    .where('file_distribution.event_id', 'in', eventIds)
    .orderBy('file_distribution.id')
    .execute();
  const filesByEvent = groupBy(
    files,
    (f): FileSnapshot => ({
      file_id: Number(f.id),
      filename: f.filename,
      size: f.size === null ? null : Number(f.size),
      md5: f.md5,
      sha1: f.sha1,
      sha256: f.sha256,
      description: f.description,
      location: f.location,
      removed: Boolean(f.removed),
    }),
  );
  const attachments = await q
    .selectFrom('attachment')
    .select(['event_id', 'id', 'filename', 'size', 'sha256', 'content_type', 'shared'])
    .where('event_id', 'in', eventIds)
    // An upload still arriving is not (yet) part of the event.
    .where('storage', '<>', PENDING_STORAGE)
    .orderBy('id')
    .execute();
  const attachmentsByEvent = groupBy(
    attachments,
    (a): AttachmentSnapshot => ({
      attachment_id: Number(a.id),
      filename: a.filename,
      size: Number(a.size),
      sha256: a.sha256,
      content_type: a.content_type,
      shared: Boolean(Number(a.shared)),
    }),
  );
  return events.map((e) =>
    withAttachments(attachmentsByEvent.get(Number(e.id)), {
      id: Number(e.id),
      engagement_id: Number(e.engagement_id),
      start_at: Number(e.start_at),
      end_at: e.end_at === null ? null : Number(e.end_at),
      operator_user_id: Number(e.operator_user_id),
      source: ctx(e.source_context_id),
      target: ctx(e.target_context_id),
      tactic_id: e.tactic_id,
      technique_id: e.technique_id,
      subtechnique_id: e.subtechnique_id,
      description: e.description,
      raw_evidence: e.raw_evidence,
      outcome: e.outcome,
      detected: e.detected,
      prevented: e.prevented,
      deleted: e.deleted_at !== null,
      tags: (tagsByEvent.get(Number(e.id)) ?? []).sort((a, b) => a.localeCompare(b)),
      files: filesByEvent.get(Number(e.id)) ?? [],
    }),
  );
}

function withAttachments(list: AttachmentSnapshot[] | undefined, snapshot: EventSnapshot): EventSnapshot {
  return list?.length ? { ...snapshot, attachments: list } : snapshot;
}

/** Rows of a batch grouped by their event, each mapped, keeping the rows' order. */
function groupBy<R extends { event_id: number }, T>(
  rows: readonly R[],
  map: (row: R) => T,
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.event_id);
    const list = out.get(id);
    if (list) list.push(map(row));
    else out.set(id, [map(row)]);
  }
  return out;
}

/** Field-level differences `{ field: [before, after] }`; a first revision lists every field. */
export function diffSnapshots(
  before: EventSnapshot | undefined,
  after: EventSnapshot,
): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  // Against a revision from before files were kept whole, files count as changed only if what that
  // revision kept (name, size, MD5, location, removed) changed.
  const comparable = before && hasPartialFiles(before) ? withPartialFiles(after) : after;
  // `attachments` is absent when there are none: its removal is a change too.
  const keys = new Set([...Object.keys(after), ...(before?.attachments ? ['attachments'] : [])]);
  for (const key of keys as Set<keyof EventSnapshot>) {
    if (key === 'id' || key === 'engagement_id') continue;
    const a = before ? (before[key] ?? null) : null;
    const b = comparable[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = [a, after[key] ?? null];
  }
  return diff;
}
