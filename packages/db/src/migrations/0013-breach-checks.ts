import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  // Breached-password checks send hash prefixes off the box (or read a local corpus): off unless a lead
  // switches them on for the engagement (air-gapped engagements and client rules forbid it).
  await db.schema
    .alterTable('engagement')
    .addColumn('breach_checks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The checker looks for unchecked NTLM hashes of the engagements that allow it.
  await db.schema
    .createIndex('credential_breach_pending')
    .on('credential')
    .columns(['type_key', 'hash_key'])
    .where(sql.ref('hibp_count'), 'is', null)
    .execute();
}
