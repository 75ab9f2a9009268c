import type { Database } from '@steppingstones/db';
import type { Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { csvChunksOf, csvHeader } from './event-csv.ts';
import { type ExportFilter, type ExportKey, type ExportPage, exportEventPages } from './export-rows.ts';
import { csvFromThread } from './export-thread.client.ts';

/** Events written on the request's own thread before the export thread takes over. */
const INLINE_ROWS = 10_000;

/**
 * The CSV export as the HTTP route streams it: UTF-8 chunks, the header first. The first pages are read
 * here, so a bad filter fails before the header and a small export never waits for a thread; past
 * `inlineRows` events the export thread continues from the last one, on its own connection, and this
 * thread only passes its chunks on. (`inlineRows` and `pageSize` are for tests.)
 */
export async function* streamEventsCsv(
  database: Database,
  principal: Principal,
  filter: ExportFilter,
  options: { inlineRows?: number; pageSize?: number } = {},
): AsyncGenerator<Buffer> {
  const inlineRows = options.inlineRows ?? INLINE_ROWS;
  const pages = exportEventPages(database.db, principal, filter, { pageSize: options.pageSize });
  const first = await pages.next();
  const names = await attackNames(database.db);
  yield csvHeader();
  if (first.done) return;
  let after: ExportKey = first.value.after;
  let more = false;
  async function* inline(): AsyncGenerator<ExportPage> {
    let rows = 0;
    let page: IteratorResult<ExportPage> = first;
    while (!page.done) {
      yield page.value;
      after = page.value.after;
      rows += page.value.events.length;
      if (rows >= inlineRows) {
        more = true;
        await pages.return(undefined);
        return;
      }
      page = await pages.next();
    }
  }
  yield* csvChunksOf(inline(), names);
  if (!more) return;
  // A connection of the thread's own cannot see an in-memory SQLite database.
  if (database.dialect === 'sqlite' && database.target.location === ':memory:')
    yield* csvChunksOf(exportEventPages(database.db, principal, filter, { after }), names);
  else yield* csvFromThread(database.target, principal, filter, after);
}
