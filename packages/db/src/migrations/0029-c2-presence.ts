import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { withId } from './column-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // When a session was present: its check-ins folded into intervals at import (a gap longer than the
  // sleep × (1 + jitter) in effect starts a new one). The check-ins themselves are not kept: the
  // intervals are what the pages draw, and re-importing the same check-ins leaves them as they are.
  await withId(db.schema.createTable('c2_presence'), dialect)
    .addColumn('session_id', 'bigint', (c) => c.notNull().references('c2_session.id').onDelete('cascade'))
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    // The sleep in effect at the interval's end (null: unknown), which bounds the gap after it.
    .addColumn('sleep_seconds', 'integer')
    .addColumn('jitter_percent', 'integer')
    .execute();
  await sql`create index c2_presence_session on c2_presence (session_id, start_at)`.execute(db);
}
