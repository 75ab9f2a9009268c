import { type Kysely, sql } from 'kysely';

// The grid sorts Detected / Prevented by their scale, through this expression (the codes in the order
// of the contract's lists); written out here because a migration must not change when the code does.
const SCALES = {
  detected: ['N/A', 'UNK', 'NEG', 'PAR', 'FUL'],
  prevented: ['N/A', 'NEG', 'PAR', 'FUL'],
} as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>): Promise<void> {
  for (const [column, codes] of Object.entries(SCALES)) {
    const rank = `case ${column} ${codes.map((c, i) => `when '${c}' then ${i}`).join(' ')} else ${codes.length} end`;
    // All columns descending, like event_grid_detected: -detected reads forwards, detected backwards.
    await sql
      .raw(
        `create index event_grid_${column}_scale on event (engagement_id, (${rank}) desc, start_at desc, id desc) where deleted_at is null`,
      )
      .execute(db);
  }
}
