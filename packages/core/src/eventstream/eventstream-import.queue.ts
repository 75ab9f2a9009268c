import path from 'node:path';
import { writeTransaction } from '@steppingstones/db';
import { z } from 'zod';
import { insertJob } from '../jobs/job.service.ts';
import { hasEngagementPermission, type Principal } from '../permissions/index.ts';
import type { SpooledUpload } from '../runtime/spool-upload.ts';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';

/** The worker's task that runs a background EventStream import. */
export const EVENTSTREAM_IMPORT_TASK = 'core:eventstream.import';
/** One rerun after a lost worker: importing the same lines again adds nothing. */
export const EVENTSTREAM_IMPORT_MAX_ATTEMPTS = 2;
/** Two hours: a million lines take seconds to minutes; the deadline only stops an import that hangs. */
export const EVENTSTREAM_IMPORT_TIMEOUT_MS = 2 * 60 * 60_000;

export const eventstreamImportPayloadSchema = z.object({
  importId: z.number().int().positive(),
  /** The spooled body's file name in DATA_DIR/uploads (never a path). */
  upload: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  engagement: z.string().min(1),
  source: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  filename: z.string().optional(),
  actor: z.object({ userId: z.number().int().nullable(), username: z.string() }),
  /** Whether the importer may add credentials in the engagement (decided when it was queued). */
  credentials: z.boolean(),
});
export type EventStreamImportPayload = z.output<typeof eventstreamImportPayloadSchema>;

export interface EventStreamImportQueueRequest {
  engagement: string;
  source?: string;
  params?: Record<string, string | string[]>;
  filename?: string;
}

/**
 * Queues a spooled body for the worker: the import's record and its job are written in one
 * transaction, so the worker never sees one without the other. The caller's permission is checked
 * here; the worker imports as the one who queued it (and re-checks they still may).
 */
export async function queueEventStreamImport(
  ctx: ClockedHandle,
  principal: Principal,
  request: EventStreamImportQueueRequest,
  upload: SpooledUpload,
): Promise<number> {
  const db = ctx.db;
  const engagement = await eventstreamEngagement(db, principal, request.engagement, 'eventstream.add');
  const actor = { userId: principal.userId > 0 ? principal.userId : null, username: principal.username };
  return writeTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('eventstream_import')
      .values({
        engagement_id: engagement.id,
        status: 'queued',
        bytes_total: upload.size,
        bytes_done: 0,
        lines_done: 0,
        created_by: actor.userId,
        created_at: ctx.clock.now(),
        job_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const payload: EventStreamImportPayload = {
      importId: id,
      upload: path.basename(upload.file),
      engagement: engagement.code,
      ...(request.source ? { source: request.source, params: request.params ?? {} } : {}),
      ...(request.filename ? { filename: request.filename } : {}),
      actor,
      credentials: hasEngagementPermission(principal, engagement.id, 'credential.add'),
    };
    const jobId = await insertJob(inTransaction(ctx, tx), {
      task: EVENTSTREAM_IMPORT_TASK,
      payload,
      maxAttempts: EVENTSTREAM_IMPORT_MAX_ATTEMPTS,
      engagementId: engagement.id,
    });
    await tx.updateTable('eventstream_import').set({ job_id: jobId }).where('id', '=', id).execute();
    return id;
  });
}
