import { type DB, dialectOf, writeTransaction } from '@steppingstones/db';
import { type Kysely, sql } from 'kysely';

/** Noted rows re-indexed per search at most, so one search never carries a whole import's changes. */
const BATCH = 20_000;

const TEXT = "account || ' ' || system || ' ' || purpose || ' ' || coalesce(secret, '')";

/**
 * Brings SQLite's trigram index of the vault (migration 0030) up to date for some of the rows changed
 * or deleted since they were indexed, in id order (the order the index takes them fastest). The search
 * is right without it (it reads noted rows directly); this keeps the noted rows few. PostgreSQL's
 * trigram index is kept by the database itself.
 */
export async function refreshCredentialSearch(db: Kysely<DB>, batch = BATCH): Promise<number> {
  if (dialectOf(db) !== 'sqlite') return 0;
  const pending = await sql`select 1 from credential_search_dirty limit 1`.execute(db);
  if (pending.rows.length === 0) return 0;
  const run = async (tx: Kysely<DB>) => {
    const rows = await sql<{
      id: number;
    }>`select id from credential_search_dirty order by id limit ${batch}`.execute(tx);
    const ids = JSON.stringify(rows.rows.map((r) => Number(r.id)));
    const noted = sql`(select value from json_each(${ids}))`;
    await sql`delete from credential_search where rowid in ${noted}`.execute(tx);
    await sql`insert into credential_search (rowid, text) select id, ${sql.raw(TEXT)} from credential where id in ${noted} and position is null order by id`.execute(
      tx,
    );
    await sql`delete from credential_search_dirty where id in ${noted}`.execute(tx);
    return rows.rows.length;
  };
  return db.isTransaction ? run(db) : writeTransaction(db, run);
}
