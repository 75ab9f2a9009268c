import { z } from 'zod';

/**
 * The instants the app stores: 1970-01-01 … 9999-12-31 UTC. Before the epoch, or past year 9999, a
 * time no longer round-trips through ISO-8601 (`+010000-…`), sorts or exports as the user expects.
 */
export const MIN_TIMESTAMP_MS = 0;
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const TIMESTAMP_RANGE_MESSAGE = 'must be between 1970-01-01 and 9999-12-31 (UTC)';

export function isTimestampInRange(ms: number): boolean {
  return ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), from 1970-01-01 to 9999-12-31. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'is not a real calendar date')
  .refine((v) => v >= '1970-01-01', TIMESTAMP_RANGE_MESSAGE);

/** Epoch milliseconds → ISO-8601 UTC with `Z` (the only time format the API emits). */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
