import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'is not a real calendar date');

/** Epoch milliseconds → ISO-8601 UTC with `Z` (the only time format the API emits). */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
