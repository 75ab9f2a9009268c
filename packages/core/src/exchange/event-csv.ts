import type { DB } from '@steppingstones/db';
import type { EventListQuery } from '@steppingstones/shared/events';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { EVENT_HEADER, eventCells } from './event-columns.ts';
import { attackNames, eventsForExport } from './event-export.ts';
import { neutraliseCell } from './formula-guard.ts';

/** The filtered events as CSV text chunks (header first), streamed page by page. */
export async function* eventsCsv(
  db: Kysely<DB>,
  principal: Principal,
  query: Omit<EventListQuery, 'sort' | 'cursor' | 'page_size'>,
): AsyncGenerator<string> {
  const names = await attackNames(db);
  const pages = eventsForExport(db, principal, query);
  // Read the first page before the header, so a bad filter is an error response, not a broken file.
  const first = await pages.next();
  yield stringify([EVENT_HEADER], { record_delimiter: '\r\n' });
  if (first.done) return;
  let page = first.value;
  for (;;) {
    yield stringify(
      page.map((e) => eventCells(e, names).map(neutraliseCell)),
      { record_delimiter: '\r\n' },
    );
    const next = await pages.next();
    if (next.done) return;
    page = next.value;
  }
}
