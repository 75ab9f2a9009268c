import { dialectOf, skipLocked, writeTransaction } from '@steppingstones/db';
import type { ClockedHandle } from '../service-context.ts';
import type { JobRow } from './job.mapper.ts';

export const LOST_LEASE_MESSAGE =
  'The worker running this job stopped answering before it finished (its lease expired); it ran again.';

export interface ClaimOptions {
  /** Who claims: stored in lease_owner (host, pid, a random part). */
  owner: string;
  leaseMs: number;
  limit: number;
  /** Jobs of these plugins wait (the plugin is disabled). */
  pausedPluginIds?: readonly string[];
  /** Jobs of these tasks (`<pluginId>:<key>`) wait (the task is disabled on its own). */
  pausedTaskNames?: readonly string[];
  /** Jobs this worker is running now (never reclaimed by the same worker, even after a stalled heartbeat). */
  excludeIds?: readonly number[];
}

/**
 * Claims up to `limit` due jobs: queued jobs whose time has come, and running jobs whose lease
 * expired (their worker died). One transaction; PostgreSQL skips rows other workers are claiming,
 * SQLite serialises claimers with BEGIN IMMEDIATE. Each claim counts as an attempt.
 */
export async function claimJobs(ctx: ClockedHandle, options: ClaimOptions): Promise<JobRow[]> {
  if (options.limit <= 0) return [];
  return writeTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    let query = tx
      .selectFrom('job')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', now)]),
        ]),
      );
    for (const pluginId of options.pausedPluginIds ?? [])
      query = query.where('task', 'not like', `${pluginId}:%`);
    if (options.pausedTaskNames?.length) query = query.where('task', 'not in', options.pausedTaskNames);
    const due = await skipLocked(
      query.orderBy('run_at').orderBy('id').limit(options.limit),
      dialectOf(ctx.db),
    ).execute();
    if (due.length === 0) return [];
    return tx
      .updateTable('job')
      .set((eb) => ({
        last_error: eb
          .case()
          .when('status', '=', 'running')
          .then(LOST_LEASE_MESSAGE)
          .else(eb.ref('last_error'))
          .end(),
        status: 'running',
        lease_owner: options.owner,
        lease_expires_at: now + options.leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .returningAll()
      .execute();
  });
}

/** The heartbeat: extends the leases this worker still holds; returns the ids it still holds. */
export async function renewLeases(
  ctx: ClockedHandle,
  owner: string,
  ids: readonly number[],
  leaseMs: number,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const now = ctx.clock.now();
  const rows = await ctx.db
    .updateTable('job')
    .set({ lease_expires_at: now + leaseMs, updated_at: now })
    .where('id', 'in', [...ids])
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .returning('id')
    .execute();
  return new Set(rows.map((r) => Number(r.id)));
}

/** Gives jobs back unstarted (graceful shutdown ran out of time): due at once, the attempt not counted. */
export async function releaseJobs(ctx: ClockedHandle, owner: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db
    .updateTable('job')
    .set((eb) => ({
      status: 'queued',
      lease_owner: null,
      lease_expires_at: null,
      attempts: eb('attempts', '-', 1),
      updated_at: ctx.clock.now(),
    }))
    .where('id', 'in', [...ids])
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .execute();
}

/** Reads a job this worker still holds (null when it was cancelled or another worker took it over). */
export async function heldJob(ctx: ClockedHandle, owner: string, id: number): Promise<JobRow | null> {
  const row = await ctx.db
    .selectFrom('job')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return row ?? null;
}
