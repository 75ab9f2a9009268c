import { containsText, type DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { FileDistributionDto, FileRowDto } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chooseEngagement } from '../events/engagement-choice.ts';
import { decodeCursor, encodeCursor } from '../events/event.cursor.ts';
import { canSeeCredentials, type Redactor, redactNullable, redactorFor } from '../events/event.redaction.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';

const DISTRIBUTION_COLUMNS = [
  'file_distribution.id',
  'file_distribution.event_id',
  'file_distribution.file_id',
  'file_distribution.location',
  'file_distribution.removed',
  'file.filename',
  'file.size',
  'file.md5',
  'file.sha1',
  'file.sha256',
  'file.description',
] as const;

interface DistributionRow {
  id: number;
  file_id: number;
  filename: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  description: string | null;
  location: string | null;
  removed: number;
}

/** File hashes are IOCs and stay visible; free text (description, location) is redacted like evidence. */
function toDistributionDto(r: DistributionRow, redact: Redactor): FileDistributionDto {
  return {
    id: Number(r.id),
    file_id: Number(r.file_id),
    filename: redact(r.filename),
    size: r.size === null ? null : Number(r.size),
    md5: r.md5,
    sha1: r.sha1,
    sha256: r.sha256,
    description: redactNullable(redact, r.description),
    location: redactNullable(redact, r.location),
    removed: Boolean(r.removed),
  };
}

/** File distributions per event, for a page of events. */
export async function filesOfEvents(
  db: Kysely<DB>,
  eventIds: number[],
  redact: Redactor,
): Promise<Map<number, FileDistributionDto[]>> {
  const out = new Map<number, FileDistributionDto[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('file_distribution')
    .innerJoin('file', 'file.id', 'file_distribution.file_id')
    .select(DISTRIBUTION_COLUMNS)
    .where('file_distribution.event_id', 'in', eventIds)
    .orderBy('file_distribution.id')
    .execute();
  for (const r of rows) {
    const id = Number(r.event_id);
    out.set(id, [...(out.get(id) ?? []), toDistributionDto(r, redact)]);
  }
  return out;
}

export interface FileRowQuery {
  engagement?: string;
  /** Substring of file name, hashes, target host (and, for credential viewers, location and description). */
  search?: string;
  cursor?: string;
  page_size?: number;
}

function fileRowsQuery(db: Kysely<DB>, engagementId: number, search: string | undefined, withText: boolean) {
  let q = db
    .selectFrom('file_distribution')
    .innerJoin('file', 'file.id', 'file_distribution.file_id')
    .innerJoin('event', 'event.id', 'file_distribution.event_id')
    .innerJoin('context as target', 'target.id', 'event.target_context_id')
    .select([...DISTRIBUTION_COLUMNS, 'event.start_at', 'target.host as target_host'])
    .where('event.engagement_id', '=', engagementId)
    .where('event.deleted_at', 'is', null);
  const term = search?.trim();
  if (term) {
    const cols = ['file.filename', 'file.md5', 'file.sha1', 'file.sha256', 'target.host'];
    if (withText) cols.push('file.description', 'file_distribution.location');
    q = q.where((eb) => eb.or(cols.map((c) => containsText(c, term))));
  }
  return q;
}

/**
 * Every file distribution of an engagement (the Files / IOC page): newest event first, keyset-paged.
 * `pageSize: Infinity` streams everything (the CSV export) in batches.
 */
export async function listFileRows(
  db: Kysely<DB>,
  principal: Principal,
  query: FileRowQuery,
): Promise<{ results: FileRowDto[]; next: string | null }> {
  requirePermission(principal, 'file.view');
  const engagement = await chooseEngagement(db, principal, query.engagement);
  requireEngagementPermission(principal, engagement.id, 'file.view', 'The engagement');
  // Masked or not by the caller's role in this engagement.
  const inEngagement = principalInEngagement(principal, engagement.id);
  const redact = redactorFor(inEngagement);
  const size = Math.min(Math.max(query.page_size ?? 100, 1), 1000);
  let q = fileRowsQuery(db, engagement.id, query.search, canSeeCredentials(inEngagement))
    .orderBy('event.start_at', 'desc')
    .orderBy('file_distribution.id', 'desc')
    .limit(size + 1);
  const after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  if (after) q = q.where(sql<boolean>`(event.start_at, file_distribution.id) < (${after[0]}, ${after[1]})`);
  const rows = await q.execute();
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    results: page.map((r) => ({
      ...toDistributionDto(r, redact),
      event_id: Number(r.event_id),
      timestamp: toIsoUtc(Number(r.start_at)),
      target_host: redact(r.target_host),
    })),
    next: rows.length > size && last ? encodeCursor([Number(last.start_at), Number(last.id)]) : null,
  };
}

/** Known files of an engagement (the file picker): substring of name or description. */
export async function listKnownFiles(
  db: Kysely<DB>,
  principal: Principal,
  options: { engagement?: string; search?: string; limit?: number },
) {
  requirePermission(principal, 'file.view');
  const engagement = await chooseEngagement(db, principal, options.engagement);
  requireEngagementPermission(principal, engagement.id, 'file.view', 'The engagement');
  const inEngagement = principalInEngagement(principal, engagement.id);
  const redact = redactorFor(inEngagement);
  let q = db
    .selectFrom('file')
    .select(['id', 'filename', 'size', 'md5', 'sha1', 'sha256', 'description'])
    .where('engagement_id', '=', engagement.id)
    .orderBy('filename')
    .orderBy('id')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 500));
  const term = options.search?.trim();
  if (term) {
    const cols = canSeeCredentials(inEngagement) ? ['filename', 'description'] : ['filename'];
    q = q.where((eb) => eb.or(cols.map((c) => containsText(c, term))));
  }
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    filename: redact(r.filename),
    size: r.size === null ? null : Number(r.size),
    md5: r.md5,
    sha1: r.sha1,
    sha256: r.sha256,
    description: redactNullable(redact, r.description),
  }));
}
