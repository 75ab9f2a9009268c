import type { AppContext } from '../app-context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { spoolUpload } from '../runtime/spool-upload.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';
import { queueEventStreamImport } from './eventstream-import.queue.ts';
import type { EventStreamImportRequest } from './eventstream-import.request.ts';
import type { EventStreamImportResult } from './eventstream-import.service.ts';
import { findSource, MAX_SOURCE_BYTES } from './source-run.ts';

/** Bodies over this size are imported in the background (the request answers 202 at once). */
export const ASYNC_THRESHOLD_BYTES = 64 * 1024 * 1024;

export interface EventStreamImportJob {
  id: number;
  engagement: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { bytes: number; total: number | null; lines: number };
  result: Pick<EventStreamImportResult, 'added' | 'duplicates' | 'rejected'> | null;
  error: string | null;
  /** The worker's job running the import (`GET /api/v1/jobs/{id}/` for its leads). */
  job_id: number | null;
  /** Where to follow it: `/api/v1/eventstream/imports/{id}/`. */
  url: string;
  created_at: string;
  finished_at: string | null;
}

/**
 * Starts an import in the background: what can be refused at the door is (engagement, permission,
 * source and its parameters), the body is spooled to a private file under DATA_DIR (so the client is
 * answered once it has sent it), then the import and its job are queued for the worker, which writes
 * the progress and the result on the import's record.
 */
export async function startBackgroundImport(
  ctx: AppContext,
  principal: Principal,
  request: EventStreamImportRequest,
): Promise<EventStreamImportJob> {
  const db = ctx.database.db;
  await eventstreamEngagement(db, principal, request.engagement, 'eventstream.add');
  const params = request.params ?? {};
  if (request.source)
    await findSource(ctx, principal, {
      source: request.source,
      params,
      filename: request.filename ?? 'upload',
    });
  const upload = await spoolUpload(ctx.config.dataDir, request.body, {
    ...(request.source ? { maxBytes: MAX_SOURCE_BYTES } : {}),
    tooLarge: (max) =>
      ValidationError.field('body', `is larger than the ${max / 1024 / 1024} MB a source plugin may read`),
  });
  try {
    const id = await queueEventStreamImport(
      { db, clock: ctx.clock },
      principal,
      { engagement: request.engagement, source: request.source, params, filename: request.filename },
      upload,
    );
    return await getBackgroundImport(db, principal, id);
  } catch (error) {
    upload.remove();
    throw error;
  }
}

/** A background import as its starter (or anyone who may import in the engagement) sees it. */
export async function getBackgroundImport(
  db: AppContext['database']['db'],
  principal: Principal,
  id: number,
): Promise<EventStreamImportJob> {
  const row = await db
    .selectFrom('eventstream_import as i')
    .innerJoin('engagement as g', 'g.id', 'i.engagement_id')
    .leftJoin('job as j', 'j.id', 'i.job_id')
    .selectAll('i')
    .select(['g.code', 'j.status as job_status', 'j.last_error as job_error'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The import');
  requireEngagementPermission(principal, Number(row.engagement_id), 'eventstream.add', 'The import');
  // A job cancelled, or failed for good before the import could record it, ends the import too.
  const unfinished = row.status === 'queued' || row.status === 'running';
  const jobEnded = row.job_status === 'cancelled' || row.job_status === 'failed';
  const ended = unfinished && jobEnded;
  return {
    id: Number(row.id),
    engagement: row.code,
    status: ended ? 'failed' : row.status,
    progress: {
      bytes: Number(row.bytes_done),
      total: row.bytes_total === null ? null : Number(row.bytes_total),
      lines: Number(row.lines_done),
    },
    result: row.result ? JSON.parse(row.result) : null,
    error: ended
      ? row.job_status === 'cancelled'
        ? 'The import was cancelled.'
        : (row.job_error ?? 'The import failed.')
      : row.error,
    job_id: row.job_id === null ? null : Number(row.job_id),
    url: `/api/v1/eventstream/imports/${Number(row.id)}/`,
    created_at: new Date(Number(row.created_at)).toISOString(),
    finished_at: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
  };
}
