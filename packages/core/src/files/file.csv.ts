import type { DB } from '@steppingstones/db';
import { csvCell } from '@steppingstones/plugin-sdk';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { listFileRows } from './file.queries.ts';

export const FILE_CSV_HEADER = [
  'Timestamp',
  'Target Host',
  'Location',
  'Filename',
  'Size',
  'MD5',
  'SHA1',
  'SHA256',
  'Description',
  'Removed',
];

/** The Files / IOC page as CSV, streamed in pages (memory stays flat), with the same filter and redaction. */
export async function* fileRowsCsv(
  db: Kysely<DB>,
  principal: Principal,
  query: { engagement?: string; search?: string },
): AsyncGenerator<string> {
  let cursor: string | undefined;
  let first = true;
  do {
    const page = await listFileRows(db, principal, { ...query, cursor, page_size: 1000 });
    // The header comes after the first query so a bad filter is still an error, not a broken file.
    if (first) yield `${FILE_CSV_HEADER.join(',')}\r\n`;
    first = false;
    yield page.results
      .map(
        (r) =>
          `${[
            r.timestamp,
            r.target_host,
            r.location,
            r.filename,
            r.size,
            r.md5,
            r.sha1,
            r.sha256,
            r.description,
            r.removed ? 'Yes' : 'No',
          ]
            .map(csvCell)
            .join(',')}\r\n`,
      )
      .join('');
    cursor = page.next ?? undefined;
  } while (cursor);
}
