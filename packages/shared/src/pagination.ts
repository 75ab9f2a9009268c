import { z } from 'zod';

/** The list envelope every collection endpoint returns. `count` may be capped (e.g. "10000+"). */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.union([z.number().int(), z.string()]),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}

export interface ListEnvelope<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}
