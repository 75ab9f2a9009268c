import { z } from 'zod';

export const jobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatusName = z.infer<typeof jobStatusSchema>;

/** The Admin → Jobs filter: one status, or `recent` (finished in the retention window). */
export const jobListQuerySchema = z.object({
  status: z.enum(['queued', 'running', 'failed', 'succeeded', 'cancelled', 'recent', 'all']).default('all'),
  task: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type JobListQuery = z.input<typeof jobListQuerySchema>;

export const jobSchema = z.object({
  id: z.number().int(),
  task: z.string(),
  /** Code of the engagement the job concerns; null for instance work (the superuser's). */
  engagement: z.string().nullable(),
  payload: z.unknown(),
  status: jobStatusSchema,
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  last_error: z.string().nullable(),
  /** When a queued job runs next (ISO-8601 UTC); null once finished. */
  next_run_at: z.string().nullable(),
  repeat_seconds: z.number().int(),
  lease_owner: z.string().nullable(),
  lease_expires_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type JobDto = z.infer<typeof jobSchema>;
