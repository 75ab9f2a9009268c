import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // "Exclude sessions like this": a field of a session (id, user, computer, process, internal or
  // external address) and its value; matching sessions are hidden everywhere, webhooks included.
  await withId(db.schema.createTable('c2_exclusion'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('field', 'varchar(20)', (c) => c.notNull())
    .addColumn('value', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`create unique index c2_exclusion_value on c2_exclusion (engagement_id, field, value)`.execute(db);

  // The watch bell on a quiet session: the "returned beacon" webhook fires once when it checks in again.
  await withId(db.schema.createTable('c2_watch'), dialect)
    .addColumn('session_id', 'bigint', (c) => c.notNull().references('c2_session.id').onDelete('cascade'))
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // The last check-in known when the bell was set; a later one is the return.
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addColumn('returned_at', 'bigint')
    .execute();
  await sql`create unique index c2_watch_session on c2_watch (session_id)`.execute(db);

  // A session cloned to an event keeps the link, like actions and downloads.
  await db.schema.alterTable('c2_session').addColumn('event_id', 'bigint', fk('event', 'set null')).execute();

  // The follower's health as the server's page shows it (null: never followed).
  await db.schema.alterTable('c2_server').addColumn('follower_batch_at', 'bigint').execute();
  await db.schema.alterTable('c2_server').addColumn('follower_lag_ms', 'bigint').execute();
}
