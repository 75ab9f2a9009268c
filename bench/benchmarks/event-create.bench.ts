import { normaliseSearchText } from '@steppingstones/db';
import { sql } from 'kysely';
import type { GeneratedEvent } from '../generators/events.ts';
import { defineBenchmark } from '../lib/define.ts';
import { eventBodies } from '../lib/event-bodies.ts';
import { type ApiSession, expectStatus, openApiSession } from '../lib/events-api.ts';

const BODIES = 64;

/**
 * Creating an event through the HTTP API (validation, context get-or-create, tags, ATT&CK checks, search
 * document with redaction, outbox) into the 1M-event engagement, against a bare prepared INSERT of the
 * same event row and its search row in one transaction.
 */
export default defineBenchmark({
  name: 'event-create',
  description: 'POST /api/v1/events/ — one realistic event (contexts, tags, ATT&CK, evidence)',
  baselineDescription: 'a prepared INSERT of the same event row and its full-text row, one transaction',
  target: { text: 'median ≤ 10 ms at 1M events', issue: 4, metric: 'median', value: 10, atSize: 1_000_000 },
  dataset: 'events',
  sizes: { full: [1_000_000], quick: [1_000] },
  iterations: { full: 200, quick: 20 },
  warmup: 10,
  unit: 'rows/s',
  async setup(env) {
    const dataset = env.dataset!;
    // Other events than the dataset's (another seed), shaped the same way.
    const { events, bodies } = eventBodies(dataset, BODIES);
    const session: ApiSession = await openApiSession(env);
    const contexts = await sql<{
      id: number;
    }>`select id from context where engagement_id = ${dataset.engagementId} order by id limit 2`.execute(
      env.database.db,
    );
    const [src, tgt] = contexts.rows.map((r) => Number(r.id));
    const operator = dataset.operatorUserIds[0]!;
    const eventSql = (p: (n: number) => string) =>
      `insert into event (engagement_id, start_at, end_at, operator_user_id, source_context_id, target_context_id,
        tactic_id, technique_id, subtechnique_id, description, raw_evidence, outcome, detected, prevented, starred,
        version, created_by, updated_by, created_at, updated_at)
       values (${Array.from({ length: 15 }, (_, i) => p(i + 1)).join(', ')}, 1, ${p(16)}, ${p(17)}, ${p(18)}, ${p(19)}) returning id`;
    const values = (e: GeneratedEvent) => [
      dataset.engagementId,
      e.timestamp,
      e.timestampEnd,
      operator,
      src,
      tgt,
      e.tactic,
      e.technique,
      e.subtechnique,
      e.description,
      e.rawEvidence,
      e.outcome,
      e.detected,
      e.prevented,
      0,
      operator,
      operator,
      Date.now(),
      Date.now(),
    ];
    const searchText = (e: GeneratedEvent) =>
      normaliseSearchText([e.description, e.outcome, e.rawEvidence].join('\n'));
    let bare: (e: GeneratedEvent) => Promise<void>;
    if (env.database.sqlite) {
      const db = env.database.sqlite;
      const insertEvent = db.prepare(eventSql(() => '?'));
      const insertFts = db.prepare('insert into event_fts (rowid, pub, sec) values (?, ?, ?)');
      const tx = db.transaction((e: GeneratedEvent) => {
        const { id } = insertEvent.get(...values(e)) as { id: number };
        insertFts.run(id, searchText(e), '');
      });
      bare = async (e) => tx.immediate(e);
    } else {
      const pool = env.database.pool!;
      bare = async (e) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const { rows } = await client.query<{ id: number }>({
            name: 'bench-event-insert',
            text: eventSql((n) => `$${n}`),
            values: values(e),
          });
          await client.query({
            name: 'bench-event-search',
            text: "insert into event_search (event_id, doc_public) values ($1, to_tsvector('simple', $2))",
            values: [rows[0]!.id, searchText(e)],
          });
          await client.query('commit');
        } finally {
          client.release();
        }
      };
    }
    return { session, bodies, events, bare };
  },
  async baseline(state, i) {
    await state.bare(state.events[(i + BODIES) % BODIES]!);
    return { rows: 1 };
  },
  async measure(state, i) {
    const res = await state.session.post('/api/v1/events/', state.bodies[(i + BODIES) % BODIES]);
    expectStatus(res, 201, 'POST /api/v1/events/');
    return { rows: 1 };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});
