import type { Writable } from 'node:stream';
import type { DB } from '@steppingstones/db';
import type { EventListQuery } from '@steppingstones/shared/events';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { EVENT_HEADER, eventCells } from './event-columns.ts';
import { attackNames, eventsForExport } from './event-export.ts';

/**
 * The filtered events as an XLSX workbook streamed to `out`. Every cell is written as a string value, so
 * a formula-looking description stays text: exceljs writes formulas only from `{ formula }` objects.
 */
export async function writeEventsXlsx(
  db: Kysely<DB>,
  principal: Principal,
  query: Omit<EventListQuery, 'sort' | 'cursor' | 'page_size'>,
  out: Writable,
): Promise<void> {
  const names = await attackNames(db);
  const pages = eventsForExport(db, principal, query);
  const first = await pages.next();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Events', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EVENT_HEADER.map((header) => ({
    header,
    width: header === 'Description' || header === 'Raw Evidence' ? 60 : 20,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let page = first.done ? [] : first.value;
  while (page.length) {
    for (const e of page) sheet.addRow(eventCells(e, names)).commit();
    const next = await pages.next();
    page = next.done ? [] : next.value;
  }
  sheet.commit();
  await workbook.commit();
}
