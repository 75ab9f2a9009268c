import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Files on an event (screenshots, dropped files, terminal recordings). The event cascades: a purged
  // event or engagement takes its attachments with it (objects in a bucket are removed by the purge).
  await withId(db.schema.createTable('attachment'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    // 0/1 like every other flag: red team only until the uploader or a lead shares it.
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    // 'db' (chunks below) or 's3' (storage_key is the object key in the configured bucket).
    .addColumn('storage', 'varchar(10)', (c) => c.notNull().defaultTo('db'))
    .addColumn('storage_key', 'varchar(500)')
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create index attachment_event on attachment (event_id, id)`.execute(db);
  await sql`create index attachment_engagement on attachment (engagement_id, id)`.execute(db);

  // The bytes of a database-stored attachment, in order; written and read a chunk at a time.
  await db.schema
    .createTable('attachment_chunk')
    .addColumn('attachment_id', 'bigint', (c) => c.notNull().references('attachment.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_chunk_pk', ['attachment_id', 'seq'])
    .execute();
}
