import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A queued import runs in the worker: it is followed by its job and its progress (bytes and lines
  // read so far, committed batch by batch).
  await db.schema.alterTable('credential_import').addColumn('job_id', 'bigint').execute();
  await db.schema.alterTable('credential_import').addColumn('bytes_total', 'bigint').execute();
  await db.schema
    .alterTable('credential_import')
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('credential_import')
    .addColumn('lines_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
