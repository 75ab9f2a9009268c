import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  // The credentials the extractors found in an EventStream line: every line they were found in (a
  // credential already in the vault links to the new line too), shown on the line's panel.
  await db.schema
    .createTable('eventstream_line_credential')
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('eventstream_line.id').onDelete('cascade'))
    .addColumn('credential_id', 'bigint', (c) => c.notNull().references('credential.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('eventstream_line_credential_pk', ['line_id', 'credential_id'])
    .execute();
  await db.schema
    .createIndex('eventstream_line_credential_credential')
    .on('eventstream_line_credential')
    .column('credential_id')
    .execute();
}
