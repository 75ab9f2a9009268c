import type { DB } from '@steppingstones/db';
import {
  type JobDto,
  type JobListQuery,
  jobListQuerySchema,
  type ListEnvelope,
} from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { type JobRow, toJobDto } from './job.mapper.ts';

/**
 * Admin → Jobs: running first, then the next to run, then the most recently finished. `engagementIds`
 * narrows to the jobs about those engagements (a lead's); `'all'` (superusers) includes instance jobs.
 */
export async function listJobs(
  db: Kysely<DB>,
  query: JobListQuery = {},
  engagementIds: number[] | 'all' = 'all',
): Promise<ListEnvelope<JobDto>> {
  const q = parseOrThrow(jobListQuerySchema, query);
  let base = db.selectFrom('job');
  if (engagementIds !== 'all')
    base = base.where('engagement_id', 'in', engagementIds.length ? engagementIds : [-1]);
  if (q.status === 'recent') base = base.where('status', 'in', ['succeeded', 'failed', 'cancelled']);
  else if (q.status !== 'all') base = base.where('status', '=', q.status);
  if (q.task) base = base.where('task', '=', q.task);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy((eb) =>
      eb.case().when('status', '=', 'running').then(0).when('status', '=', 'queued').then(1).else(2).end(),
    )
    .orderBy((eb) => eb.case().when('status', '=', 'queued').then(eb.ref('run_at')).else(0).end())
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = Number(count.n);
  return {
    count: total,
    next: q.offset + q.limit < total ? `offset=${q.offset + q.limit}` : null,
    previous: q.offset > 0 ? `offset=${Math.max(0, q.offset - q.limit)}` : null,
    results: rows.map(toJobDto),
  };
}

export async function getJobRow(db: Kysely<DB>, id: number): Promise<JobRow> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The job');
  return row;
}

export async function getJob(db: Kysely<DB>, id: number): Promise<JobDto> {
  return toJobDto(await getJobRow(db, id));
}
