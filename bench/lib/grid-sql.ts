import type { DialectName } from '@steppingstones/db';
import type { BenchEnv } from './types.ts';

/**
 * The grid's page written by hand in SQL (the baseline of the grid and search benchmarks): the newest
 * 100 events of the engagement under a filter, with contexts, operator and tags, plus the same capped
 * count the API returns. Run through the raw driver with prepared statements.
 */
export interface HandFilter {
  tactic?: string;
  detected?: string;
  search?: string;
}

function pageSql(
  dialect: DialectName,
  filter: HandFilter,
  limit: number | null,
): { page: string; count: string; params: unknown[] } {
  const pg = dialect === 'postgres';
  const p = (n: number) => (pg ? `$${n}` : '?');
  const where = [`e.engagement_id = ${p(1)}`, 'e.deleted_at is null'];
  const params: unknown[] = [];
  let n = 2;
  if (filter.tactic) {
    where.push(`e.tactic_id = ${p(n++)}`);
    params.push(filter.tactic);
  }
  if (filter.detected) {
    where.push(`e.detected = ${p(n++)}`);
    params.push(filter.detected);
  }
  if (filter.search) {
    if (pg) {
      where.push(
        `e.id in (select event_id from event_search where doc_public @@ phraseto_tsquery('simple', ${p(n)}) or doc_secret @@ phraseto_tsquery('simple', ${p(n)}))`,
      );
      params.push(filter.search);
    } else {
      where.push(`e.id in (select rowid from event_fts where event_fts match ${p(n)})`);
      params.push(`{pub sec} : ("${filter.search}")`);
    }
    n++;
  }
  const tags = pg
    ? `(select string_agg(tag.name, ',') from event_tag et join tag on tag.id = et.tag_id where et.event_id = e.id)`
    : `(select group_concat(tag.name) from event_tag et join tag on tag.id = et.tag_id where et.event_id = e.id)`;
  // Ids first (walks the grid index, stops at the page), then the details of those rows only: how one
  // writes this query by hand, and what keeps a common search term from joining every match.
  const ids = `select e.id from event e where ${where.join(' and ')} order by e.start_at desc, e.id desc${
    limit === null ? '' : ` limit ${limit + 1}`
  }`;
  const page = `select e.id, e.start_at, e.end_at, e.description, e.raw_evidence, e.outcome, e.detected, e.prevented,
      e.starred, e.version, e.tactic_id, e.technique_id, e.subtechnique_id, s.host as s_host, s."user" as s_user,
      s.process as s_process, t.host as t_host, t."user" as t_user, t.process as t_process, op.username, ${tags} as tags
    from (${ids}) p
    join event e on e.id = p.id
    join context s on s.id = e.source_context_id
    join context t on t.id = e.target_context_id
    join app_user op on op.id = e.operator_user_id
    order by e.start_at desc, e.id desc`;
  const count = `select count(*) as c from (select e.id from event e where ${where.join(' and ')} limit 10001) x`;
  return { page, count, params };
}

/** A function running the hand-written page and count; resolves to the number of rows of the page. */
export function handWrittenPage(
  env: BenchEnv,
  filter: HandFilter,
  limit: number | null = 100,
): () => Promise<number> {
  const engagementId = env.dataset!.engagementId;
  const { page, count, params } = pageSql(env.dialect, filter, limit);
  const all = [engagementId, ...params];
  if (env.database.sqlite) {
    const pageStmt = env.database.sqlite.prepare(page);
    const countStmt = env.database.sqlite.prepare(count);
    return async () => {
      if (limit === null) {
        // Every row, streamed: the baseline of reports must not inflate the run's peak memory.
        let n = 0;
        for (const _row of pageStmt.iterate(...all)) n++;
        return n;
      }
      const rows = pageStmt.all(...all);
      countStmt.get(...all);
      return Math.min(rows.length, limit);
    };
  }
  const pool = env.database.pool!;
  const tag = `${filter.tactic ?? ''}${filter.detected ?? ''}${filter.search ?? ''}${limit ?? 'all'}`.replace(
    /\W/g,
    '',
  );
  return async () => {
    const rows = await pool.query({ name: `bench-page-${tag}`, text: page, values: all });
    if (limit === null) return rows.rows.length;
    await pool.query({ name: `bench-count-${tag}`, text: count, values: all });
    return Math.min(rows.rows.length, limit);
  };
}
