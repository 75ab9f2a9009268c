import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A background import is run by the worker: the import is followed by its job.
  await db.schema.alterTable('eventstream_import').addColumn('job_id', 'bigint').execute();
  // Lines arrive without an event (only a clone links one): indexing only the linked lines spares
  // every imported line an index entry, while lookups by event (and the event's delete) still use it.
  await sql`drop index eventstream_line_event`.execute(db);
  await sql`create index eventstream_line_event on eventstream_line (event_id) where event_id is not null`.execute(
    db,
  );
}
