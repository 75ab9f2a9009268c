import type { Database, PgPoolClient as PoolClient } from '@steppingstones/db';
import type { EventRow, Load } from './load-events.ts';

/** Column arrays of a batch, inserted with one `unnest(...)` statement per table (one parameter per column). */
async function writeBatch(client: PoolClient, rows: EventRow[]): Promise<void> {
  const col = <K extends keyof EventRow>(k: K) => rows.map((r) => r[k]);
  await client.query(
    `insert into event (id, engagement_id, start_at, end_at, operator_user_id, source_context_id, target_context_id,
       tactic_id, technique_id, subtechnique_id, description, raw_evidence, outcome, detected, prevented, starred,
       version, created_by, updated_by, created_at, updated_at)
     select u.id, u.eng, u.start_at, u.end_at, u.op, u.src, u.tgt, u.tac, u.tech, u.sub, u.descr, u.raw, u.outc,
       u.det, u.prev, u.star, 1, u.op, u.op, u.created, u.created
     from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[],
       $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
       $13::text[], $14::text[], $15::text[], $16::int[], $17::bigint[])
       as u(id, eng, start_at, end_at, op, src, tgt, tac, tech, sub, descr, raw, outc, det, prev, star, created)`,
    [
      col('id'),
      col('engagement_id'),
      col('start_at'),
      col('end_at'),
      col('operator_user_id'),
      col('source_context_id'),
      col('target_context_id'),
      col('tactic_id'),
      col('technique_id'),
      col('subtechnique_id'),
      col('description'),
      col('raw_evidence'),
      col('outcome'),
      col('detected'),
      col('prevented'),
      col('starred'),
      col('created_at'),
    ],
  );
  const tagEvents: number[] = [];
  const tagIds: number[] = [];
  for (const r of rows)
    for (const t of r.tagIds) {
      tagEvents.push(r.id);
      tagIds.push(t);
    }
  if (tagEvents.length > 0)
    await client.query(
      'insert into event_tag (event_id, tag_id) select * from unnest($1::bigint[], $2::bigint[])',
      [tagEvents, tagIds],
    );
  await client.query(
    `insert into event_search (event_id, doc_public, doc_secret)
     select u.id, to_tsvector('simple', u.pub), case when u.sec is null then null else to_tsvector('simple', u.sec) end
     from unnest($1::bigint[], $2::text[], $3::text[]) as u(id, pub, sec)`,
    [col('id'), col('searchPublic'), col('searchSecret')],
  );
}

/** Bulk load on PostgreSQL: `unnest` inserts in one transaction, secondary indexes rebuilt after. */
export async function loadIntoPostgres(database: Database, load: Load): Promise<void> {
  const client = await database.pool!.connect();
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where tablename in ('event', 'event_search', 'event_tag')
       and indexname not in (select conname from pg_constraint)`,
    );
    await client.query('begin');
    // A bulk build: rebuilding the indexes of a million rows (full text included) takes longer than
    // the app's statement timeout (60 s), which its pool sets for every connection.
    await client.query('set local statement_timeout = 0');
    await client.query("set local maintenance_work_mem = '512MB'");
    for (const ix of indexes) await client.query(`drop index "${ix.indexname}"`);
    const now = Date.now();
    const c = load.contexts;
    await client.query(
      `insert into context (id, engagement_id, host, "user", process, last_used_at, version, created_at, updated_at)
       select u.*, null, 1, $6::bigint, $6::bigint from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) as u`,
      [
        c.map((x) => x.id),
        c.map((x) => x.engagement_id),
        c.map((x) => x.host),
        c.map((x) => x.user),
        c.map((x) => x.process),
        now,
      ],
    );
    const t = load.tags;
    await client.query(
      `insert into tag (id, engagement_id, name, name_lower, created_at)
       select u.*, lower(u.name), $4::bigint from unnest($1::bigint[], $2::bigint[], $3::text[]) as u(id, eng, name)`,
      [t.map((x) => x.id), t.map((x) => x.engagement_id), t.map((x) => x.name), now],
    );
    for await (const batch of load.batches) await writeBatch(client, batch);
    const used = [...load.contextLastUsed];
    await client.query(
      `update context set last_used_at = u.at from unnest($1::bigint[], $2::bigint[]) as u(id, at) where context.id = u.id`,
      [used.map(([id]) => id), used.map(([, at]) => at)],
    );
    await client.query('delete from context where last_used_at is null');
    for (const ix of indexes) await client.query(ix.indexdef);
    // Identity columns: inserted ids were explicit, so move each sequence past them.
    for (const table of ['context', 'event', 'tag'])
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
      );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
