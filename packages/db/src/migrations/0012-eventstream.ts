import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // One imported EventStream line, reviewed on the EventStream page and cloned into events.
  await withId(db.schema.createTable('eventstream_line'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint')
    .addColumn('operator', 'varchar(256)', (c) => c.notNull().defaultTo(''))
    .addColumn('source_host', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('source_user', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('source_process', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('target_host', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('target_user', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('target_process', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('raw_evidence', 'text')
    .addColumn('outcome', 'varchar(1000)')
    .addColumn('tactic_id', 'varchar(20)')
    .addColumn('technique_id', 'varchar(20)')
    // Every key of the line the format does not name, as a JSON object.
    .addColumn('additional_data', 'text')
    // A hash of every stored field: the same line imported again is recognised and not added.
    .addColumn('line_hash', 'varchar(64)', (c) => c.notNull())
    // The event the line was cloned into (the provenance link shown on both sides).
    .addColumn('event_id', 'bigint', fk('event', 'set null'))
    .addColumn('imported_by', 'bigint', fk('app_user', 'set null'))
    // Who imported it as text: a username, or `cli` for the command line's system user.
    .addColumn('imported_by_name', 'varchar(150)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create unique index eventstream_line_hash on eventstream_line (engagement_id, line_hash)`.execute(
    db,
  );
  await sql`create index eventstream_line_time on eventstream_line (engagement_id, start_at desc, id desc)`.execute(
    db,
  );
  await sql`create index eventstream_line_event on eventstream_line (event_id)`.execute(db);

  // An import answered at once (202) and run in the background: large bodies, or ?async=true.
  await withId(db.schema.createTable('eventstream_import'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    // queued, running, succeeded, failed
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('bytes_total', 'bigint')
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lines_done', 'bigint', (c) => c.notNull().defaultTo(0))
    // The answer of a finished import ({added, duplicates, rejected}) as JSON.
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
}
