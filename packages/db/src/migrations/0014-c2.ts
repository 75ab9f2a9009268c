import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // A team server, or an imported log archive standing in for one. Not Cobalt Strike-specific.
  await withId(db.schema.createTable('c2_server'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // cobalt-strike, sliver, …: the adapter family that fills it.
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create unique index c2_server_name on c2_server (engagement_id, name)`.execute(db);

  // A beacon or SSH session; external_id is the framework's own id (the CS bid), unique per server.
  await withId(db.schema.createTable('c2_session'), dialect)
    .addColumn('server_id', 'bigint', (c) => c.notNull().references('c2_server.id').onDelete('cascade'))
    .addColumn('external_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('parent_id', 'bigint', fk('c2_session', 'set null'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('host', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('process', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('pid', 'bigint')
    .addColumn('os', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('os_version', 'varchar(50)', (c) => c.notNull().defaultTo(''))
    .addColumn('os_build', 'varchar(50)', (c) => c.notNull().defaultTo(''))
    .addColumn('arch', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('internal', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('external', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('listener', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    // The latest known sleep in seconds and jitter in percent (null = unknown; 0 = interactive).
    .addColumn('sleep_seconds', 'bigint')
    .addColumn('jitter_percent', 'bigint')
    .execute();
  await sql`create unique index c2_session_external on c2_session (server_id, external_id)`.execute(db);

  // One operator command with what it produced.
  await withId(db.schema.createTable('c2_action'), dialect)
    .addColumn('session_id', 'bigint', (c) => c.notNull().references('c2_session.id').onDelete('cascade'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('operator', 'varchar(150)', (c) => c.notNull().defaultTo(''))
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    // JSON array of ATT&CK ids.
    .addColumn('attack_ids', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    // JSON array of indicator strings ("file: <md5> <size> bytes <path>").
    .addColumn('indicators', 'text', (c) => c.notNull())
    // Natural key: session, start and a hash of the input; re-importing adds nothing.
    .addColumn('natural_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_id', 'bigint', fk('event', 'set null'))
    .execute();
  await sql`create unique index c2_action_key on c2_action (session_id, natural_key)`.execute(db);
  await sql`create index c2_action_time on c2_action (session_id, start_at desc, id desc)`.execute(db);

  await withId(db.schema.createTable('c2_download'), dialect)
    .addColumn('session_id', 'bigint', (c) => c.notNull().references('c2_session.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'varchar(500)', (c) => c.notNull())
    .addColumn('remote_path', 'text', (c) => c.notNull())
    .addColumn('natural_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_id', 'bigint', fk('event', 'set null'))
    .execute();
  await sql`create unique index c2_download_key on c2_download (session_id, natural_key)`.execute(db);
}
