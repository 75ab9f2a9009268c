import { writeTransaction } from '@steppingstones/db';
import type { JobDto } from '@steppingstones/shared';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { ClockedHandle, ServiceContext } from '../service-context.ts';
import { jobDtoOf } from './job.queries.ts';
import type { TaskResolver } from './task-definition.ts';

export interface EnqueueOptions {
  task: string;
  payload?: unknown;
  /** Seconds from now to the first run (default 0: as soon as a worker is free). */
  delaySeconds?: number;
  /** Seconds between runs, anchored at the first run; 0 = once. */
  repeatSeconds?: number;
  maxAttempts: number;
  /** The engagement the job concerns (its leads see and manage it); omitted = instance work. */
  engagementId?: number | null;
}

/** Inserts a job inside the caller's transaction (so it commits with the change that caused it). */
export async function insertJob(ctx: ClockedHandle, options: EnqueueOptions): Promise<number> {
  const { db: tx, clock } = ctx;
  const now = clock.now();
  const runAt = now + Math.max(0, options.delaySeconds ?? 0) * 1000;
  const row = await tx
    .insertInto('job')
    .values({
      task: options.task,
      engagement_id: options.engagementId ?? null,
      payload: JSON.stringify(options.payload ?? {}),
      status: 'queued',
      run_at: runAt,
      attempts: 0,
      max_attempts: options.maxAttempts,
      last_error: null,
      lease_owner: null,
      lease_expires_at: null,
      repeat_seconds: Math.max(0, Math.trunc(options.repeatSeconds ?? 0)),
      anchor_at: runAt,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Enqueues a known task after checking its payload against the task's schema, so a bad payload is
 * refused at the door rather than failing later in the worker.
 */
export async function enqueueTask(
  db: ClockedHandle,
  resolver: TaskResolver,
  task: string,
  payload: unknown = {},
  options: { delaySeconds?: number; repeatSeconds?: number } = {},
): Promise<number> {
  const definition = resolver.resolve(task);
  if (!definition) throw ValidationError.field('task', `No installed plugin provides the task "${task}".`);
  const parsed = definition.payloadSchema.safeParse(payload);
  if (!parsed.success)
    throw ValidationError.field(
      'payload',
      `does not match the task's schema: ${parsed.error.issues[0]?.message}`,
    );
  return insertJob(db, { task, payload: parsed.data, maxAttempts: definition.maxAttempts, ...options });
}

/** Admin "retry now": a failed, cancelled or waiting job runs at once with a fresh attempt count. */
/** The webhook delivery task (named here: the webhooks module builds on this one, not the reverse). */
const WEBHOOK_DELIVER_TASK = 'core:webhook.deliver';

export async function retryJob(ctx: ServiceContext, id: number): Promise<JobDto> {
  return writeTransaction(ctx.db, async (tx) => {
    const job = await tx.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job) throw new NotFoundError('The job');
    if (job.status === 'running')
      throw new ConflictError('The job is running now; wait for it to finish or cancel it first.');
    if (job.status === 'succeeded' && job.task === WEBHOOK_DELIVER_TASK)
      throw new ConflictError(
        'The message was delivered; sending it again would post it to the receiver a second time.',
      );
    const now = ctx.clock.now();
    const row = await tx
      .updateTable('job')
      .set({
        status: 'queued',
        run_at: now,
        attempts: 0,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return jobDtoOf(tx, row);
  });
}

/**
 * Cancels a queued or running job. A running one is stopped by its worker at the next heartbeat; a
 * cancelled repeating job stops repeating.
 */
export async function cancelJob(ctx: ServiceContext, id: number): Promise<JobDto> {
  return writeTransaction(ctx.db, async (tx) => {
    const job = await tx.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job) throw new NotFoundError('The job');
    if (job.status !== 'queued' && job.status !== 'running')
      throw new ConflictError(`The job has already finished (${job.status}); there is nothing to cancel.`);
    const now = ctx.clock.now();
    const row = await tx
      .updateTable('job')
      .set({
        status: 'cancelled',
        lease_owner: null,
        lease_expires_at: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return jobDtoOf(tx, row);
  });
}
