import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // Less index work for every imported line (a large import writes a million of them):
  // - the event link is looked up only by an event (`event_id = ?`, and the foreign key's set null),
  //   and an imported line has none yet: only cloned lines are kept in its index;
  // - the time order is kept ascending: lines arrive in time order, so each one goes at the end of the
  //   index, not at its start (which splits pages half full); both dialects read it backwards for the
  //   page's newest-first order.
  await sql`drop index eventstream_line_event`.execute(db);
  await sql`create index eventstream_line_event on eventstream_line (event_id) where event_id is not null`.execute(
    db,
  );
  await sql`drop index eventstream_line_time`.execute(db);
  await sql`create index eventstream_line_time on eventstream_line (engagement_id, start_at, id)`.execute(db);
}
