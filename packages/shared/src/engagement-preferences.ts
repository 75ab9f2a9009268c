import { z } from 'zod';
import { eventListQuerySchema } from './events.ts';

/** The URL parameters of the event grid's filter (paging and the engagement are not part of it). */
export const EVENT_FILTER_PARAMS = [
  'search',
  'tag',
  'untagged',
  'tactic',
  'technique',
  'detected',
  'prevented',
  'operator',
  'starred',
  'blue_comments',
  'from',
  'to',
  'sort',
] as const;

/** A query string as the list API reads it: a repeated parameter becomes a list. */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/**
 * A saved grid filter: the grid's URL query (`detected=FUL&search=lsass`, '' = unfiltered). It must be a
 * filter the list API accepts, so a reopened grid never starts on an error.
 */
export const savedEventFilterSchema = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    const query = new URLSearchParams(value);
    const known: readonly string[] = EVENT_FILTER_PARAMS;
    for (const key of new Set(query.keys()))
      if (!known.includes(key))
        ctx.addIssue({
          code: 'custom',
          message: `"${key}" is not a filter of the event grid (${EVENT_FILTER_PARAMS.join(', ')})`,
        });
    const parsed = eventListQuerySchema.safeParse(queryObject(query));
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
  });

export const engagementPreferencesUpdateSchema = z.object({
  event_filter: savedEventFilterSchema.nullable().optional(),
});
export type EngagementPreferencesUpdate = z.input<typeof engagementPreferencesUpdateSchema>;

/** The caller's own settings within one engagement. */
export const engagementPreferencesSchema = z.object({
  engagement: z.string(),
  /** The event grid's last filter as its URL query; null when the user never left one on this server. */
  event_filter: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type EngagementPreferences = z.infer<typeof engagementPreferencesSchema>;
