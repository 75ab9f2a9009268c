import type { DB } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../errors.ts';
import { type Principal, requireEngagementPermission } from '../../permissions/index.ts';

export interface ImportStatusDto {
  id: number;
  type: string;
  filename: string;
  /** queued (waiting for the worker), running, done or failed. */
  status: string;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  /** The worker's job for a queued import (null when it ran in the request or the CLI). */
  job_id: number | null;
  /** Bytes read and the last line committed so far; `total` bytes when known. */
  progress: { bytes: number; total: number | null; lines: number };
  /** The import's result (the same shape the import answers when it runs in the request). */
  result: Record<string, unknown> | null;
}

const ENDED_JOB: Record<string, string> = {
  failed: 'The worker could not run the import; nothing more will be imported. Upload the file again.',
  cancelled: 'The import was cancelled; upload the file again to import the rest.',
};

/** An import's state: the "job" a large (or `async=true`) import answers 202 with. */
export async function getImport(db: Kysely<DB>, principal: Principal, id: number): Promise<ImportStatusDto> {
  const row = await db
    .selectFrom('credential_import as i')
    .leftJoin('job as j', 'j.id', 'i.job_id')
    .selectAll('i')
    .select(['j.status as job_status', 'j.last_error as job_error'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The import');
  requireEngagementPermission(principal, Number(row.engagement_id), 'credential.view', 'The import');
  let status = row.status;
  let result = JSON.parse(row.result) as Record<string, unknown>;
  // A worker that died on its last attempt, or a cancelled job, leaves the record unfinished.
  const jobEnded = row.job_status ? ENDED_JOB[row.job_status] : undefined;
  if ((status === 'queued' || status === 'running') && jobEnded) {
    status = 'failed';
    result = { error: jobEnded };
  }
  const ongoing = status === 'queued' || status === 'running';
  return {
    id: Number(row.id),
    type: row.type,
    filename: row.filename,
    status,
    created_by: row.created_by_name,
    created_at: toIsoUtc(Number(row.created_at)),
    finished_at: row.finished_at === null ? null : toIsoUtc(Number(row.finished_at)),
    job_id: row.job_id === null ? null : Number(row.job_id),
    progress: {
      bytes: Number(row.bytes_done),
      total: row.bytes_total === null ? null : Number(row.bytes_total),
      lines: Number(row.lines_done),
    },
    result: ongoing ? null : result,
  };
}
