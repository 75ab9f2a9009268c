import { containsText, type DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { FileDistributionDto, FileRowDto } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chooseEngagement } from '../events/engagement-choice.ts';
import { decodeCursor, encodeCursor } from '../events/event.cursor.ts';
import { canSeeCredentials, type Redactor, redactNullable, redactorFor } from '../events/event.redaction.ts';
import { shownSearch } from '../events/shown-search.ts';
import { collectKept } from '../paging/index.ts';
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

type FileRow = DistributionRow & { event_id: number; start_at: number; target_host: string };

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
  const term = query.search?.trim();
  const seesAll = canSeeCredentials(inEngagement);
  // Masked readers match what they see only: a file name or host is searched in its masked form (a hit
  // inside a hidden span would tell what it holds); hashes are shown as they are.
  const shown = term && !seesAll ? shownSearch(term, redact) : null;
  const keep = shown
    ? (r: FileRow) => shown.matches(r.filename, r.target_host) || shown.matchesAsIs(r.md5, r.sha1, r.sha256)
    : null;
  const base = fileRowsQuery(db, engagement.id, shown && !shown.narrowInSql ? undefined : term, seesAll)
    .orderBy('event.start_at', 'desc')
    .orderBy('file_distribution.id', 'desc');
  // Rows the masked search drops are skipped in larger batches until the page is full.
  const batch = keep ? Math.max(size + 1, 500) : size + 1;
  let after = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const page: FileRow[] = [];
  for (;;) {
    let q = base.limit(batch);
    if (after) q = q.where(sql<boolean>`(event.start_at, file_distribution.id) < (${after[0]}, ${after[1]})`);
    const rows: FileRow[] = await q.execute();
    for (const r of rows) if (!keep || keep(r)) page.push(r);
    const last = rows.at(-1);
    if (page.length > size || rows.length < batch || !last) break;
    after = [Number(last.start_at), Number(last.id)];
  }
  const shownRows = page.slice(0, size);
  const last = shownRows.at(-1);
  return {
    results: shownRows.map((r) => ({
      ...toDistributionDto(r, redact),
      event_id: Number(r.event_id),
      timestamp: toIsoUtc(Number(r.start_at)),
      target_host: redact(r.target_host),
    })),
    next: page.length > size && last ? encodeCursor([Number(last.start_at), Number(last.id)]) : null,
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
  const q = db
    .selectFrom('file')
    .select(['id', 'filename', 'size', 'md5', 'sha1', 'sha256', 'description'])
    .where('engagement_id', '=', engagement.id)
    .orderBy('filename')
    .orderBy('id');
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const term = options.search?.trim();
  let rows: Array<{
    id: number;
    filename: string;
    size: number | null;
    md5: string | null;
    sha1: string | null;
    sha256: string | null;
    description: string | null;
  }>;
  if (!term) rows = await q.limit(limit).execute();
  else if (canSeeCredentials(inEngagement))
    rows = await q
      .where((eb) => eb.or(['filename', 'description'].map((c) => containsText(c, term))))
      .limit(limit)
      .execute();
  else {
    // Masked readers match the file name as they see it (see listFileRows).
    const shown = shownSearch(term, redact);
    rows = await collectKept(
      shown.narrowInSql ? q.where(containsText('filename', term)) : q,
      (r) => shown.matches(r.filename),
      limit,
    );
  }
  return rows.map((r) => ({
    id: Number(r.id),
    filename: redact(r.filename),
    size: r.size === null ? null : Number(r.size),
    md5: r.md5,
    sha1: r.sha1,
    sha256: r.sha256,
    description: redactNullable(redact, r.description),
  }));
}
