import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('event_revision'), dialect)
    .addColumn('engagement_id', 'bigint', (c) => c.notNull().references('engagement.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    // No FK to event: revisions outlive nothing but their engagement, and must never block a write.
    .addColumn('event_id', 'bigint', (c) => c.notNull())
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addUniqueConstraint('event_revision_chain', ['engagement_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('event_revision_event')
    .on('event_revision')
    .columns(['event_id', 'seq'])
    .execute();

  await db.schema
    .createTable('history_head')
    .addColumn('engagement_id', 'bigint', (c) =>
      c.primaryKey().references('engagement.id').onDelete('cascade'),
    )
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
