import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // The delivery log shows what was said and which event it was about (no foreign key: the log
  // outlives a deleted event).
  await db.schema.alterTable('webhook_delivery').addColumn('message', 'text').execute();
  await db.schema.alterTable('webhook_delivery').addColumn('event_id', 'bigint').execute();
}
