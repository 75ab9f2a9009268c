import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DB } from '@steppingstones/db';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { EVENT_HEADER, eventCells } from './event-columns.ts';
import { type ExportFilter, exportEventPages } from './export-rows.ts';

const WIDE = new Set(['Description', 'Raw Evidence', 'Files']);

/**
 * Waits until the zip has taken the sheet XML written so far. exceljs hands the XML to the zip's input
 * stream in 64 kB pieces without heeding its backpressure, so rows written faster than they compress, or
 * than the client reads (the zip waits for `out`), would pile up in memory: 2 GB at a million rows. The
 * zip's input streams are exceljs's own `stream.pipes` (4.x); with none attached yet there is nothing to wait
 * for. Stops waiting when the client goes away.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes ?? [];
  for (const zip of pipes) {
    if (out.destroyed) return;
    if (zip.writableNeedDrain ?? zip._writableState?.needDrain)
      await Promise.race([once(zip, 'drain'), once(out, 'close')]);
  }
}

/** The zip's input: a `readable-stream` 2.x stream, which has no `writableNeedDrain` of its own. */
type ZipInput = Writable & { _writableState?: { needDrain?: boolean } };

/**
 * The filtered events as an XLSX workbook streamed to `out`. Every cell is written as a string value, so
 * a formula-looking description stays text: exceljs writes formulas only from `{ formula }` objects.
 */
export async function writeEventsXlsx(
  db: Kysely<DB>,
  principal: Principal,
  query: ExportFilter,
  out: Writable,
): Promise<void> {
  await (await prepareEventsXlsx(db, principal, query))(out);
}

/**
 * Reads the first page now, so an unknown engagement, a non-member or a bad filter fails (404 / 400)
 * before a response starts; the returned function then streams the workbook.
 */
export async function prepareEventsXlsx(
  db: Kysely<DB>,
  principal: Principal,
  query: ExportFilter,
): Promise<(out: Writable) => Promise<void>> {
  const pages = exportEventPages(db, principal, query);
  const first = await pages.next();
  const names = await attackNames(db);
  return (out) => streamWorkbook(out, pages, first, names);
}

async function streamWorkbook(
  out: Writable,
  pages: ReturnType<typeof exportEventPages>,
  first: Awaited<ReturnType<ReturnType<typeof exportEventPages>['next']>>,
  names: Awaited<ReturnType<typeof attackNames>>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Events', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EVENT_HEADER.map((header) => ({
    header,
    width: WIDE.has(header) ? 60 : 20,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let page = first.done ? [] : first.value.events;
  while (page.length) {
    for (const e of page) sheet.addRow(eventCells(e, names)).commit();
    await zipCaughtUp(sheet, out);
    if (out.destroyed) {
      // The client went away: stop reading the database.
      await pages.return(undefined);
      return;
    }
    const next = await pages.next();
    page = next.done ? [] : next.value.events;
  }
  sheet.commit();
  await workbook.commit();
}
