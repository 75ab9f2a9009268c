import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { CsvChunks, csvRecord } from './csv-record.ts';
import { type AttackNames, EVENT_HEADER, eventCells } from './event-columns.ts';
import { type ExportFilter, type ExportPage, exportEventPages } from './export-rows.ts';
import { neutraliseCell } from './formula-guard.ts';

/** The header record, as the first chunk of every CSV export. */
export function csvHeader(): Buffer {
  return Buffer.from(csvRecord(EVENT_HEADER), 'utf8');
}

/** Pages of events as UTF-8 CSV records (formula cells neutralised), in chunks of about 1 MB. */
export async function* csvChunksOf(
  pages: AsyncIterable<ExportPage>,
  names: AttackNames,
): AsyncGenerator<Buffer> {
  const chunks = new CsvChunks();
  for await (const page of pages) {
    for (const e of page.events) {
      const full = chunks.push(csvRecord(eventCells(e, names).map(neutraliseCell)));
      if (full) yield full;
    }
  }
  const rest = chunks.take();
  if (rest) yield rest;
}

/** The filtered events as UTF-8 CSV chunks, read on this thread: the header first, then the records. */
export async function* eventsCsv(
  db: Kysely<DB>,
  principal: Principal,
  query: ExportFilter,
): AsyncGenerator<Buffer> {
  const pages = exportEventPages(db, principal, query);
  // Read the first page before the header, so a bad filter is an error response, not a broken file.
  const first = await pages.next();
  const names = await attackNames(db);
  yield csvHeader();
  if (first.done) return;
  yield* csvChunksOf(
    (async function* () {
      yield first.value;
      yield* pages;
    })(),
    names,
  );
}
