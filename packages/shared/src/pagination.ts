import { z } from 'zod';

/** Paging rules of every list route: one page size range, one cursor, one count cap. */
export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MAX = 1000;
/** Counts above this are reported as "10000+": exact counts of a million rows cost more than they tell. */
export const COUNT_CAP = 10_000;

const pageSize = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(PAGE_SIZE_MAX, `must be at most ${PAGE_SIZE_MAX}`);

/**
 * The paging parameters, to spread into a list route's query schema:
 * `z.object({ engagement, ...pageQueryShape })`. The server copies `limit` into `page_size` before
 * validation when only `limit` is given, so `page_size` is always the one to read.
 */
export const pageQueryShape = {
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe('Opaque cursor from a previous answer’s `next` or `previous` link; absent = first page.'),
  page_size: pageSize
    .default(PAGE_SIZE_DEFAULT)
    .describe(`Items per page, 1–${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT}).`),
  limit: pageSize.optional().describe('Alias of `page_size`.'),
};
export const pageQuerySchema = z.object(pageQueryShape);
export type PageQuery = z.output<typeof pageQuerySchema>;

/** A count as lists report it: exact up to COUNT_CAP, then the string "10000+". */
export function capCount(n: number): number | string {
  return n > COUNT_CAP ? `${COUNT_CAP}+` : n;
}

/** The list envelope every collection endpoint returns. `count` may be capped (e.g. "10000+"). */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    count: z
      .union([z.number().int(), z.string()])
      .describe(`How many items match: exact up to ${COUNT_CAP}, then "${COUNT_CAP}+".`),
    next: z.string().nullable().describe('Absolute URL of the next page, or null on the last page.'),
    previous: z.string().nullable().describe('Absolute URL of the previous page, or null on the first page.'),
    results: z.array(item).describe('The items of this page.'),
  });
}

export interface ListEnvelope<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}
