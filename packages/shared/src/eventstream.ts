import { z } from 'zod';

/** What an EventStream import answers (API 200, the CLI's `--json` line, an async job's result). */
export const eventstreamImportResultSchema = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type EventStreamImportResultDto = z.infer<typeof eventstreamImportResultSchema>;

export const eventstreamImportQuerySchema = z
  .object({
    engagement: z.string().trim().min(1, 'is required: the code of the engagement'),
    source: z.string().trim().min(1).optional(),
    filename: z.string().max(255).optional(),
    /** `true`: answer 202 at once with a background import to follow (bodies over 64 MB always are). */
    async: z.enum(['true', 'false']).optional(),
  })
  .catchall(z.union([z.string(), z.array(z.string())]));

export const EVENTSTREAM_SORTS = ['timestamp', 'description', 'tactic', 'technique'] as const;

const contextSchema = z.object({ host: z.string(), user: z.string(), process: z.string() });

/** One imported line as the EventStream page shows it. */
export const eventstreamLineDtoSchema = z.object({
  id: z.number().int(),
  timestamp: z.string(),
  timestamp_end: z.string().nullable(),
  operator: z.string(),
  source: contextSchema,
  target: contextSchema,
  description: z.string(),
  raw_evidence: z.string().nullable(),
  outcome: z.string().nullable(),
  tactic: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  technique: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  additional_data: z.record(z.string(), z.unknown()).nullable(),
  /** The event the line was cloned into (null until cloned, or when that event was deleted). */
  event_id: z.number().int().nullable(),
  imported_by: z.string(),
  imported_at: z.string(),
});
export type EventStreamLineDto = z.infer<typeof eventstreamLineDtoSchema>;

export const eventstreamLineQuerySchema = z.object({
  engagement: z.string().trim().min(1, 'is required: the code of the engagement'),
  search: z.string().max(500, 'must be at most 500 characters').optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  /** Lines cloned into this event (the event form's "source line"). */
  event: z.coerce.number().int().positive().optional(),
  sort: z
    .enum([...EVENTSTREAM_SORTS, ...EVENTSTREAM_SORTS.map((s) => `-${s}` as const)], {
      message: `must be one of ${EVENTSTREAM_SORTS.join(', ')} (prefix - for descending)`,
    })
    .default('-timestamp'),
  cursor: z.string().max(500).optional(),
  page_size: z.coerce.number().int().min(1).max(1000, 'must be at most 1000').default(50),
});
export type EventStreamLineQuery = z.output<typeof eventstreamLineQuerySchema>;
export type EventStreamLineQueryInput = z.input<typeof eventstreamLineQuerySchema>;

export const eventstreamBulkCloneSchema = z.object({
  engagement: z.string().trim().min(1),
  ids: z
    .array(z.number().int().positive())
    .min(1, 'select at least one line')
    .max(1000, 'at most 1000 lines at once'),
});

export const eventstreamBulkCloneResultSchema = z.object({
  cloned: z.array(z.object({ line_id: z.number().int(), event_id: z.number().int() })),
  skipped: z.array(z.object({ line_id: z.number().int(), reason: z.string() })),
});
export type EventStreamBulkCloneResult = z.infer<typeof eventstreamBulkCloneResultSchema>;
