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
 * The filtered events as an XLSX workbook streamed to `out`. Every cell is written as a string value, so
 * a formula-looking description stays text: exceljs writes formulas only from `{ formula }` objects.
 */
export async function writeEventsXlsx(
  db: Kysely<DB>,
  principal: Principal,
  query: ExportFilter,
  out: Writable,
): Promise<void> {
  const pages = exportEventPages(db, principal, query);
  const first = await pages.next();
  const names = await attackNames(db);
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
    // exceljs pushes into its zip stream without waiting; when the client reads slower than we read
    // the database, `out` fills up, and waiting for it to drain keeps memory at about one page.
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
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
