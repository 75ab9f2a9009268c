import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { csvRecord } from './csv-record.ts';
import { EVENT_HEADER, eventCells } from './event-columns.ts';
import { type ExportFilter, exportEventPages } from './export-rows.ts';
import { neutraliseCell } from './formula-guard.ts';

/** The filtered events as UTF-8 CSV chunks (header first, then one chunk per page of events). */
export async function* eventsCsv(
  db: Kysely<DB>,
  principal: Principal,
  query: ExportFilter,
): AsyncGenerator<Buffer> {
  const pages = exportEventPages(db, principal, query);
  // Read the first page before the header, so a bad filter is an error response, not a broken file.
  const first = await pages.next();
  const names = await attackNames(db);
  yield Buffer.from(csvRecord(EVENT_HEADER), 'utf8');
  if (first.done) return;
  let page = first.value;
  for (;;) {
    // One flat string per page, encoded once: HTTP would otherwise measure and flatten a rope of
    // thousands of pieces on every write.
    const records = page.map((e) => csvRecord(eventCells(e, names).map(neutraliseCell)));
    yield Buffer.from(records.join(''), 'utf8');
    const next = await pages.next();
    if (next.done) return;
    page = next.value;
  }
}
