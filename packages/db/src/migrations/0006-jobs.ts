import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { fk, withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('job'), dialect)
    .addColumn('task', 'varchar(200)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'varchar(200)')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('repeat_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('anchor_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // The claim query: due queued jobs, and running jobs whose lease expired.
  await db.schema.createIndex('job_claim').on('job').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('job_lease').on('job').columns(['status', 'lease_expires_at']).execute();
  await db.schema.createIndex('job_task').on('job').columns(['task', 'status']).execute();

  await withId(db.schema.createTable('webhook'), dialect)
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('secret', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'bigint', fk('app_user', 'set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('webhook_delivery'), dialect)
    .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('webhook.id').onDelete('cascade'))
    .addColumn('delivery_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('domain_event_id', 'bigint')
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_delivery_webhook')
    .on('webhook_delivery')
    .columns(['webhook_id', 'id'])
    .execute();
}
