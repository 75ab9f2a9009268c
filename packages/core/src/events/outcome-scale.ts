import { DETECTED_CHOICES, PREVENTED_CHOICES } from '@steppingstones/shared/events';
import { type RawBuilder, sql } from 'kysely';

/**
 * Detected / Prevented sort by their scale (Not Applicable, Unknown, No Trace, Event Recorded, Alert
 * Raised), not by the alphabet of their codes. The literals are inlined, not bound, so the expression
 * is the one the `event_grid_*_scale` indexes (migration 0020) were built on.
 */
function rankOf(column: 'detected' | 'prevented', codes: readonly string[]): string {
  const whens = codes.map((code, i) => `when '${code}' then ${i}`).join(' ');
  return `case ${column} ${whens} else ${codes.length} end`;
}

export const DETECTED_RANK_SQL = rankOf(
  'detected',
  DETECTED_CHOICES.map((c) => c.code),
);
export const PREVENTED_RANK_SQL = rankOf(
  'prevented',
  PREVENTED_CHOICES.map((c) => c.code),
);

export const detectedRank = (): RawBuilder<number> => sql<number>`${sql.raw(DETECTED_RANK_SQL)}`;
export const preventedRank = (): RawBuilder<number> => sql<number>`${sql.raw(PREVENTED_RANK_SQL)}`;
