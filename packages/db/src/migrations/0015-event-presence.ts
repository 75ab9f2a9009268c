import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  // Who has an event's form open right now: a heartbeat per user and event, shared by every instance.
  await db.schema
    .createTable('event_presence')
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_presence_pk', ['event_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('event_presence_engagement')
    .on('event_presence')
    .columns(['engagement_id', 'seen_at'])
    .execute();
}
