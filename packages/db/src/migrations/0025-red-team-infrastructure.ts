import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // A host the red team owns (attacker VPS, cracking box) is reported apart from the client's hosts.
  // Stored as 0/1 like every other flag so both dialects read it the same way.
  await db.schema
    .alterTable('context')
    .addColumn('red_team_infrastructure', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
