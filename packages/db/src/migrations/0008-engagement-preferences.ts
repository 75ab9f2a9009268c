import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  // A user's settings within one engagement, kept on the server so they follow the user between machines.
  await db.schema
    .createTable('user_engagement_preference')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    // The event grid's last filter as its URL query ('' = unfiltered), null until the grid saves one.
    .addColumn('event_filter', 'varchar(2000)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_engagement_preference_pk', ['user_id', 'engagement_id'])
    .execute();
  await db.schema
    .createIndex('user_engagement_preference_engagement')
    .on('user_engagement_preference')
    .column('engagement_id')
    .execute();
}
