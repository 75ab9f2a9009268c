import type { DB } from '@steppingstones/db';
import {
  type JobDto,
  type JobListQuery,
  jobListQuerySchema,
  type ListEnvelope,
} from '@steppingstones/shared';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { type JobRow, type JobRowWithEngagement, toJobDto } from './job.mapper.ts';

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
    base = base.where('job.engagement_id', 'in', engagementIds.length ? engagementIds : [-1]);
  if (q.status === 'recent') base = base.where('job.status', 'in', ['succeeded', 'failed', 'cancelled']);
  else if (q.status !== 'all') base = base.where('job.status', '=', q.status);
  if (q.task) base = base.where('job.task', '=', q.task);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await withEngagementCode(base)
    .orderBy((eb) =>
      eb
        .case()
        .when('job.status', '=', 'running')
        .then(0)
        .when('job.status', '=', 'queued')
        .then(1)
        .else(2)
        .end(),
    )
    .orderBy((eb) => eb.case().when('job.status', '=', 'queued').then(eb.ref('job.run_at')).else(0).end())
    .orderBy('job.updated_at', 'desc')
    .orderBy('job.id', 'desc')
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
  const row = await withEngagementCode(db.selectFrom('job')).where('job.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The job');
  return toJobDto(row);
}

/** Every job column plus the code of the engagement the job concerns. */
function withEngagementCode<O>(from: SelectQueryBuilder<DB, 'job', O>) {
  return from
    .leftJoin('engagement', 'engagement.id', 'job.engagement_id')
    .selectAll('job')
    .select('engagement.code as engagement_code');
}

/** A job as the API shows it, read inside the caller's transaction (after a change). */
export async function jobDtoOf(db: Kysely<DB>, row: JobRow): Promise<JobDto> {
  const engagement =
    row.engagement_id === null
      ? undefined
      : await db
          .selectFrom('engagement')
          .select('code')
          .where('id', '=', row.engagement_id)
          .executeTakeFirst();
  return toJobDto({ ...row, engagement_code: engagement?.code ?? null } satisfies JobRowWithEngagement);
}
