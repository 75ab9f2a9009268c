import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { nowMs } from '@steppingstones/db';
import type { AppContext } from '../app-context.ts';
import { NotFoundError } from '../errors.ts';
import { type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';
import { type EventStreamImportRequest, runEventStreamImport } from './eventstream-import.request.ts';
import type { EventStreamImportResult } from './eventstream-import.service.ts';

/** Bodies over this size are imported in the background (the request answers 202 at once). */
export const ASYNC_THRESHOLD_BYTES = 64 * 1024 * 1024;
/** How often a background import writes its progress. */
const PROGRESS_EVERY_MS = 1_000;

export interface EventStreamImportJob {
  id: number;
  engagement: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { bytes: number; total: number | null; lines: number };
  result: Pick<EventStreamImportResult, 'added' | 'duplicates' | 'rejected'> | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/**
 * Starts an import in the background: the body is spooled to a file under DATA_DIR first (so the
 * client is answered once it has sent it), then imported by this process, writing its progress every
 * second and its result at the end. The file is removed when the import ends.
 */
export async function startBackgroundImport(
  ctx: AppContext,
  principal: Principal,
  request: EventStreamImportRequest,
): Promise<EventStreamImportJob> {
  const db = ctx.database.db;
  const engagement = await eventstreamEngagement(db, principal, request.engagement, 'eventstream.add');
  const dir = path.join(ctx.config.dataDir, 'eventstream-imports');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.jsonl`);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(request.body, count, fs.createWriteStream(file));
  const row = await db
    .insertInto('eventstream_import')
    .values({
      engagement_id: engagement.id,
      status: 'running',
      bytes_total: size,
      bytes_done: 0,
      lines_done: 0,
      created_by: principal.userId > 0 ? principal.userId : null,
      created_at: nowMs(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  let last = 0;
  const run = async () => {
    try {
      const result = await runEventStreamImport(
        ctx,
        principal,
        { ...request, body: fs.createReadStream(file) },
        {
          onProgress: (p) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            void db
              .updateTable('eventstream_import')
              .set({ bytes_done: p.bytes, lines_done: p.lines })
              .where('id', '=', id)
              .where('status', '=', 'running')
              .execute()
              .catch(() => {});
          },
        },
      );
      const { added, duplicates, rejected } = result;
      await db
        .updateTable('eventstream_import')
        .set({
          status: 'succeeded',
          bytes_done: size,
          result: JSON.stringify({ added, duplicates, rejected }),
          finished_at: nowMs(),
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      ctx.logger.warn({ err: error, importId: id }, 'background EventStream import failed');
      await db
        .updateTable('eventstream_import')
        .set({
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
          finished_at: nowMs(),
        })
        .where('id', '=', id)
        .execute()
        .catch(() => {});
    } finally {
      fs.rm(file, { force: true }, () => {});
    }
  };
  void run();
  return getBackgroundImport(db, principal, id);
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
    .selectAll('i')
    .select('g.code')
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The import');
  requireEngagementPermission(principal, Number(row.engagement_id), 'eventstream.add', 'The import');
  return {
    id: Number(row.id),
    engagement: row.code,
    status: row.status,
    progress: {
      bytes: Number(row.bytes_done),
      total: row.bytes_total === null ? null : Number(row.bytes_total),
      lines: Number(row.lines_done),
    },
    result: row.result ? JSON.parse(row.result) : null,
    error: row.error,
    created_at: new Date(Number(row.created_at)).toISOString(),
    finished_at: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
  };
}
