import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('engagement'), dialect)
    .addColumn('code', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('engagement_dates', sql`end_date >= start_date`)
    .execute();

  await withId(db.schema.createTable('domain_event'), dialect)
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('engagement_id', 'bigint', (c) => c.references('engagement.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_user_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('domain_event_engagement')
    .on('domain_event')
    .columns(['engagement_id', 'id'])
    .execute();

  await db.schema
    .createTable('app_state')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
