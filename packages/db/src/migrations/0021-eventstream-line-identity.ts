import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A line's identity leads with its time (which the hash covers anyway, so duplicates are found as
  // before): tools write their lines in time order, so an import adds to the end of the index instead
  // of touching a random page of it for every line, which made large imports slow.
  await sql`drop index eventstream_line_hash`.execute(db);
  await sql`create unique index eventstream_line_hash on eventstream_line (engagement_id, start_at, line_hash)`.execute(
    db,
  );
}
