import { z } from 'zod';

/**
 * The whole trash of deleted events is for engagement administrators: `event.delete` AND
 * `engagement.change`. Whoever holds only `event.delete` (Red Team Operators) sees and recovers the
 * events they deleted themselves. Read by the core policy and the web's guards.
 */
export const TRASH_PERMISSIONS = ['event.delete', 'engagement.change'] as const;

export const revisionDtoSchema = z.object({
  id: z.number().int(),
  seq: z.number().int().describe('Position of the revision in the event’s history, from 1.'),
  action: z.string().describe('`create`, `update`, `delete`, `restore`, `undelete`, `bulk_update`, …'),
  at: z.string().describe('When, ISO-8601 UTC.'),
  actor: z.string().nullable().describe('Username of who made the change; null for the system.'),
  diff: z
    .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
    .describe('Changed fields: `[before, after]` per field name.'),
  snapshot: z.record(z.string(), z.unknown()).describe('The whole event after this revision.'),
});
export type RevisionDto = z.infer<typeof revisionDtoSchema>;

export const restoreRequestSchema = z.object({
  revision: z.number().int().positive().describe('The `seq` of the revision to bring back.'),
});

export const trashItemDtoSchema = z.object({
  id: z.number().int(),
  engagement: z.string(),
  deleted_at: z.string(),
  deleted_by: z.string().nullable(),
  timestamp: z.string().describe('The event’s own time.'),
  description: z.string(),
});
export type TrashItemDto = z.infer<typeof trashItemDtoSchema>;
