import type { SqliteConnection } from '@steppingstones/db';
import type { EventRow, Load } from './load-events.ts';

/** Bulk load on SQLite: prepared statements, one transaction per batch, the event indexes built after. */
export async function loadIntoSqlite(sqlite: SqliteConnection, load: Load): Promise<void> {
  const indexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'event' and sql is not null",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) sqlite.exec(`drop index "${ix.name}"`);
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -200000');

  const now = Date.now();
  const insertContext = sqlite.prepare(
    'insert into context (id, engagement_id, host, user, process, last_used_at, version, created_at, updated_at) values (?, ?, ?, ?, ?, null, 1, ?, ?)',
  );
  const insertTag = sqlite.prepare(
    'insert into tag (id, engagement_id, name, name_lower, created_at) values (?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const c of load.contexts)
      insertContext.run(c.id, c.engagement_id, c.host, c.user, c.process, now, now);
    for (const t of load.tags) insertTag.run(t.id, t.engagement_id, t.name, t.name.toLowerCase(), now);
  })();

  const insertEvent = sqlite.prepare(
    `insert into event (id, engagement_id, start_at, end_at, operator_user_id, source_context_id, target_context_id,
       tactic_id, technique_id, subtechnique_id, description, raw_evidence, outcome, detected, prevented, starred,
       version, created_by, updated_by, created_at, updated_at, deleted_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, null)`,
  );
  const insertEventTag = sqlite.prepare('insert into event_tag (event_id, tag_id) values (?, ?)');
  const insertFts = sqlite.prepare('insert into event_fts (rowid, pub, sec) values (?, ?, ?)');
  const writeBatch = sqlite.transaction((rows: EventRow[]) => {
    for (const r of rows) {
      insertEvent.run(
        r.id,
        r.engagement_id,
        r.start_at,
        r.end_at,
        r.operator_user_id,
        r.source_context_id,
        r.target_context_id,
        r.tactic_id,
        r.technique_id,
        r.subtechnique_id,
        r.description,
        r.raw_evidence,
        r.outcome,
        r.detected,
        r.prevented,
        r.starred,
        r.operator_user_id,
        r.operator_user_id,
        r.created_at,
        r.created_at,
      );
      for (const tagId of r.tagIds) insertEventTag.run(r.id, tagId);
      insertFts.run(r.id, r.searchPublic, r.searchSecret ?? '');
    }
  });
  for await (const batch of load.batches) writeBatch(batch);

  const setLastUsed = sqlite.prepare('update context set last_used_at = ? where id = ?');
  sqlite.transaction(() => {
    for (const [id, at] of load.contextLastUsed) setLastUsed.run(at, id);
    sqlite.exec('delete from context where last_used_at is null');
  })();
  for (const ix of indexes) sqlite.exec(ix.sql);
  sqlite.exec("insert into event_fts (event_fts) values ('optimize')");
  sqlite.pragma('synchronous = NORMAL');
}
