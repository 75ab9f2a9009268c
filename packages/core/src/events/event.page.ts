import type { DB } from '@steppingstones/db';
import { COUNT_CAP } from '@steppingstones/shared';
import type { EventListQuery } from '@steppingstones/shared/events';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { countUpToCap, type SortKeys } from '../paging/keyset.ts';
import { detectedRank, preventedRank } from './outcome-scale.ts';

/** Counts above this are reported as "10000+" (the paging rules of every list, in packages/shared). */
export { COUNT_CAP };

/** The keyset of a sort: the sorted column, then start time and id so every row has a unique key. */
export function sortKeys(sort: EventListQuery['sort']): SortKeys {
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const lead: Record<string, RawBuilder<unknown> | null> = {
    timestamp: null,
    detected: detectedRank(),
    prevented: preventedRank(),
    tactic: sql`coalesce(event.tactic_id, '')`,
    technique: sql`coalesce(event.subtechnique_id, event.technique_id, '')`,
  };
  const first = lead[name] ?? null;
  return { exprs: [...(first ? [first] : []), sql`event.start_at`, sql`event.id`], desc };
}

/** How many events match, up to COUNT_CAP + 1. */
export function cappedCount(db: Kysely<DB>, conditions: Expression<SqlBool>[]): Promise<number> {
  return countUpToCap(
    db,
    db
      .selectFrom('event')
      .select('event.id')
      .where((eb) => eb.and(conditions)),
  );
}
