import { z } from 'zod';
import { detectedCode, eventListQuerySchema, preventedCode, tagName } from './events.ts';

/**
 * The grid's filter (the list's parameters without sort and paging), as a bulk request carries it. The
 * list reads them from a query string, so JSON booleans are accepted here and read as their text.
 */
export const bulkFilterSchema = z.preprocess(
  (value) =>
    value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]))
      : value,
  eventListQuerySchema.omit({ sort: true, cursor: true, page_size: true, engagement: true }),
);

export const bulkChangesSchema = z
  .object({
    add_tags: z.array(tagName).max(50).optional(),
    remove_tags: z.array(tagName).max(50).optional(),
    detected: detectedCode.optional(),
    prevented: preventedCode.optional(),
    starred: z.boolean().optional(),
    /** Clear the stars of the edited events afterwards ("edit the starred, then unstar them"). */
    clear_stars: z.boolean().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0)), {
    message: 'Choose at least one change.',
  });

/**
 * A bulk edit names its rows either by `ids` (the selection) or by `filter` (everything the grid shows),
 * and says how many rows the user saw: the server refuses when the count differs, so nobody edits rows
 * they are not looking at.
 */
export const bulkEditSchema = z
  .object({
    engagement: z.string().trim().min(1),
    ids: z.array(z.number().int().positive()).min(1).max(20_000).optional(),
    filter: bulkFilterSchema.optional(),
    expected_count: z.number().int().min(0),
    changes: bulkChangesSchema,
  })
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: 'Give either ids (the selected events) or filter (every event the grid shows), not both.',
    path: ['ids'],
  });
export type BulkEditInput = z.input<typeof bulkEditSchema>;

export const bulkEditResultSchema = z.object({ count: z.number().int(), changed: z.number().int() });
export type BulkEditResult = z.infer<typeof bulkEditResultSchema>;
