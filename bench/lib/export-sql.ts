import type { BenchEnv } from './types.ts';

const COLUMNS = `e.id, e.start_at, e.end_at, op.username, s.host as s_host, s."user" as s_user,
  s.process as s_process, t.host as t_host, t."user" as t_user, t.process as t_process, e.tactic_id,
  e.technique_id, e.subtechnique_id, e.description, e.raw_evidence, e.outcome, e.detected, e.prevented`;
const FROM = `from event e
  join context s on s.id = e.source_context_id
  join context t on t.id = e.target_context_id
  left join app_user op on op.id = e.operator_user_id`;

/**
 * The export's rows read by hand (the baseline of the export benchmark): every event of the engagement
 * oldest first, with contexts, operator and tag names, through the raw driver, never all in memory.
 * SQLite streams one prepared statement; PostgreSQL (no cursor library installed) walks keyset pages of
 * 5,000 with a named prepared statement. Resolves to the number of rows read.
 */
export function handWrittenExport(env: BenchEnv): () => Promise<number> {
  const engagementId = env.dataset!.engagementId;
  if (env.database.sqlite) {
    const stmt = env.database.sqlite.prepare(
      `select ${COLUMNS}, (select group_concat(tag.name) from event_tag et join tag on tag.id = et.tag_id
        where et.event_id = e.id) as tags
       ${FROM} where e.engagement_id = ? and e.deleted_at is null order by e.start_at, e.id`,
    );
    return async () => {
      let n = 0;
      for (const _row of stmt.iterate(engagementId)) {
        // Let timers run now and then. A read of a million rows in one go blocks the event loop for
        // longer than the server's keep-alive timeout (72 s on a loaded machine); the client's pooled
        // connection then looks alive when the next export starts, and the server closes it under that
        // request ("fetch failed").
        if (++n % 20_000 === 0) await new Promise(setImmediate);
      }
      return n;
    };
  }
  const pool = env.database.pool!;
  const text = `select ${COLUMNS}, (select string_agg(tag.name, ',') from event_tag et join tag on tag.id = et.tag_id
      where et.event_id = e.id) as tags
    ${FROM} where e.engagement_id = $1 and e.deleted_at is null and (e.start_at, e.id) > ($2, $3)
    order by e.start_at, e.id limit 5000`;
  return async () => {
    let n = 0;
    let after: [number, number] = [Number.MIN_SAFE_INTEGER, 0];
    for (;;) {
      const { rows } = await pool.query({
        name: 'bench-export-page',
        text,
        values: [engagementId, ...after],
      });
      n += rows.length;
      if (rows.length < 5000) return n;
      const last = rows[rows.length - 1] as { start_at: number; id: number };
      after = [Number(last.start_at), Number(last.id)];
    }
  };
}
