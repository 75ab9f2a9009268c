import type { JobTable } from '@steppingstones/db';
import { type JobDto, toIsoUtc } from '@steppingstones/shared';
import type { Selectable } from 'kysely';

export type JobRow = Selectable<JobTable>;
/** A job row with the code of its engagement (null for instance work, or once the engagement is purged). */
export type JobRowWithEngagement = JobRow & { engagement_code: string | null };

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const iso = (ms: number | null) => (ms === null ? null : toIsoUtc(Number(ms)));

export function toJobDto(row: JobRowWithEngagement): JobDto {
  const waiting = row.status === 'queued';
  return {
    id: Number(row.id),
    task: row.task,
    engagement: row.engagement_code,
    payload: parsePayload(row.payload),
    status: row.status,
    attempts: row.attempts,
    max_attempts: row.max_attempts,
    last_error: row.last_error,
    next_run_at: waiting ? iso(row.run_at) : null,
    repeat_seconds: row.repeat_seconds,
    lease_owner: row.status === 'running' ? row.lease_owner : null,
    lease_expires_at: row.status === 'running' ? iso(row.lease_expires_at) : null,
    created_at: toIsoUtc(Number(row.created_at)),
    updated_at: toIsoUtc(Number(row.updated_at)),
    finished_at: iso(row.finished_at),
  };
}
