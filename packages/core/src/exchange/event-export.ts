import type { DB } from '@steppingstones/db';
import type { EventDto, EventListQuery } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { listEvents } from '../events/event.queries.ts';
import type { Principal } from '../permissions/index.ts';
import type { AttackNames } from './event-columns.ts';

const PAGE = 1000;

/**
 * Every event under the filter, oldest first, page by page through the same permission-checked,
 * redacting query as the grid (so scoping and redaction hold), keeping memory flat.
 */
export async function* eventsForExport(
  db: Kysely<DB>,
  principal: Principal,
  query: Omit<EventListQuery, 'sort' | 'cursor' | 'page_size'>,
): AsyncGenerator<EventDto[]> {
  let cursor: string | undefined;
  do {
    const page = await listEvents(db, principal, { ...query, sort: 'timestamp', cursor, page_size: PAGE });
    if (page.results.length) yield page.results;
    cursor = page.next ?? undefined;
  } while (cursor);
}

/** Names of every tactic and technique, read once per export. */
export async function attackNames(db: Kysely<DB>): Promise<AttackNames> {
  const names: AttackNames = new Map();
  for (const t of await db.selectFrom('attack_tactic').select(['id', 'name']).execute())
    names.set(t.id, t.name);
  for (const t of await db.selectFrom('attack_technique').select(['id', 'name']).execute())
    names.set(t.id, t.name);
  return names;
}
