import { z } from 'zod';
import { pageQueryShape } from './pagination.ts';

/** The C2 import's answer: what was new, and what could not be read. */
export const c2ImportResultSchema = z.object({
  sessions: z.number().int(),
  actions: z.number().int(),
  downloads: z.number().int(),
  files: z.number().int(),
  credentials: z.number().int(),
  rejected: z.array(z.object({ entry: z.string(), reason: z.string() })),
});
export type C2ImportResultDto = z.infer<typeof c2ImportResultSchema>;

export const c2ImportQuerySchema = z.object({
  engagement: z.string().trim().min(1, 'is required: the code of the engagement'),
  adapter: z.string().trim().min(1, 'is required, e.g. cobalt-strike-logs'),
  server: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  /** The uploaded file's name: lets a single beacon_*.log be recognised (its id is in the name). */
  filename: z.string().max(500).optional(),
  /**
   * Sent by `c2 follow --url`: when the follower first started (sessions first seen since then send
   * the beacon webhooks), its lag in ms (shown on the server's page), and `sessions_only=true` for the
   * unfinished rest of the logs, read for check-ins only.
   */
  follow_started: z.iso.datetime({ offset: true }).optional(),
  follow_lag_ms: z.coerce.number().int().min(0).optional(),
  sessions_only: z.enum(['true', 'false']).optional(),
});

const engagement = z.string().trim().min(1, 'is required: the code of the engagement');
export const c2ListQuerySchema = z.object({ engagement, ...pageQueryShape });
export const c2ActionQuerySchema = z.object({
  engagement,
  session: z.coerce.number().int().positive().optional(),
  search: z.string().max(500, 'must be at most 500 characters').optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  ...pageQueryShape,
});
export type C2ListQuery = z.output<typeof c2ListQuerySchema>;
export type C2ActionQuery = z.output<typeof c2ActionQuerySchema>;

export const c2ServerDtoSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  created_at: z.string(),
  /** The `c2 follow` health: its last batch and that batch's lag; null when never followed. */
  follower: z.object({ last_batch: z.string(), lag_ms: z.number().int() }).nullable(),
});

export const c2SessionDtoSchema = z.object({
  id: z.number().int(),
  server: z.number().int(),
  external_id: z.string(),
  parent: z.number().int().nullable(),
  kind: z.enum(['beacon', 'ssh']),
  host: z.string(),
  user: z.string(),
  is_admin: z.boolean(),
  process: z.string(),
  pid: z.number().int().nullable(),
  os: z.string(),
  os_name: z.string(),
  arch: z.string(),
  internal: z.string(),
  external: z.string(),
  listener: z.string(),
  first_seen: z.string(),
  last_seen: z.string(),
  next_checkin: z.string().nullable(),
  /** The latest sleep in seconds (0 = interactive) and jitter in percent; null when unknown. */
  sleep: z.number().int().nullable(),
  jitter: z.number().int().nullable(),
  /** The watch bell: its next check-in sends the "returned beacon" webhook. */
  watched: z.boolean(),
  /** The event the session was cloned to. */
  event: z.number().int().nullable(),
  /**
   * When the session was present, oldest first: runs of check-ins no further apart than the sleep ×
   * (1 + jitter) then in effect (5 minutes when unknown or interactive).
   */
  presences: z.array(z.object({ start: z.string(), end: z.string() })),
});

export const c2ActionDtoSchema = z.object({
  id: z.number().int(),
  session: z.number().int(),
  start: z.string(),
  operator: z.string(),
  input: z.string(),
  task: z.string(),
  attack_ids: z.array(z.string()),
  output: z.string(),
  errors: z.string(),
  indicators: z.array(z.string()),
  event: z.number().int().nullable(),
});

export const c2DownloadDtoSchema = z.object({
  id: z.number().int(),
  session: z.number().int(),
  at: z.string(),
  size: z.number().int(),
  path: z.string(),
  name: z.string(),
  remote_path: z.string(),
  event: z.number().int().nullable(),
});

export type C2ServerDto = z.infer<typeof c2ServerDtoSchema>;
export type C2SessionDto = z.infer<typeof c2SessionDtoSchema>;
export type C2ActionDto = z.infer<typeof c2ActionDtoSchema>;
export type C2DownloadDto = z.infer<typeof c2DownloadDtoSchema>;

export const c2ExclusionFieldSchema = z.enum(['id', 'user', 'computer', 'process', 'internal', 'external']);
export const c2ExclusionDtoSchema = z.object({
  id: z.number().int(),
  field: c2ExclusionFieldSchema,
  value: z.string(),
  created_at: z.string(),
});
export type C2ExclusionDto = z.infer<typeof c2ExclusionDtoSchema>;
/** "Exclude sessions like this": the session and the field its value is taken from. */
export const c2ExclusionInputSchema = z.object({
  session: z.number().int().positive(),
  field: c2ExclusionFieldSchema,
});
export const c2WatchInputSchema = z.object({ watched: z.boolean() });
/** *Clone selected*: the actions to clone, each with its pre-filled draft. */
export const c2CloneManyInputSchema = z.object({
  actions: z.array(z.number().int().positive()).min(1, 'choose at least one action').max(500),
});
export const c2CloneManyResultSchema = z.object({
  cloned: z.array(z.object({ action_id: z.number().int(), event_id: z.number().int() })),
  skipped: z.array(z.object({ action_id: z.number().int(), reason: z.string() })),
});
