import { type DB, dialectOf } from '@steppingstones/db';
import { toIsoUtc } from '@steppingstones/shared';
import type { EventListQuery } from '@steppingstones/shared/events';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { eventFilterConditions } from '../events/event.filter.ts';
import { redactorFor } from '../events/event.redaction.ts';
import { visibleAttachmentsOf } from '../events/event-attachments.query.ts';
import { CONTEXT_COLUMNS, eventsWithContexts } from '../events/event-contexts.query.ts';
import { eventReadScope } from '../events/event-scope.ts';
import { filesOfEvents } from '../files/file.queries.ts';
import type { Principal } from '../permissions/index.ts';
import { tagsOfEvents } from '../tags/tag.queries.ts';
import type { ExchangeEvent } from './event-columns.ts';

/** The grid's filter without its paging: what an export or import acts on. */
export type ExportFilter = Omit<EventListQuery, 'sort' | 'cursor' | 'page_size'>;

/**
 * Rows per query: enough that per-query costs vanish, few enough that a page is garbage before the
 * young generation is collected (2,000 rows of ~1 kB evidence were promoted and ran half as fast).
 */
const PAGE = 500;

/** Where a walk stands: the start time and id of the last event read (the export's order). */
export interface ExportKey {
  startAt: number;
  id: number;
}

/** One page of the walk and the key to continue after it. */
export interface ExportPage {
  events: ExchangeEvent[];
  after: ExportKey;
}

/**
 * Every event under the filter, oldest first (start time, then id: the grid's `timestamp` order),
 * page by page. A dedicated read rather than the grid's list: one query per page walks the grid index
 * by keyset and joins contexts and operator, one more each fetches the page's tags and files; no counts,
 * no DTO mapping. Scoping and redaction are the grid's own (the same filter conditions and redactor, so a
 * file's description and location are masked as the grid masks them).
 * Each page is a complete query, so no statement or connection stays open while the client reads.
 * `after` continues a walk where another (e.g. on another thread) stopped.
 */
export async function* exportEventPages(
  db: Kysely<DB>,
  caller: Principal,
  filter: ExportFilter,
  options: { pageSize?: number; after?: ExportKey } = {},
): AsyncGenerator<ExportPage> {
  const { principal, scope } = await eventReadScope(db, caller, filter.engagement);
  const conditions = eventFilterConditions(dialectOf(db), principal, filter, scope);
  const redact = redactorFor(principal);
  const limit = options.pageSize ?? PAGE;
  const pageAfter = (after: ExportKey | null) => {
    let q = eventsWithContexts(db)
      .leftJoin('app_user as op', 'op.id', 'event.operator_user_id')
      .select([
        'event.id',
        'event.start_at',
        'event.end_at',
        'op.username as operator',
        ...CONTEXT_COLUMNS,
        's.red_team_infrastructure as s_rti',
        't.red_team_infrastructure as t_rti',
        'event.tactic_id',
        'event.technique_id',
        'event.subtechnique_id',
        'event.description',
        'event.raw_evidence',
        'event.outcome',
        'event.detected',
        'event.prevented',
        'event.starred',
      ])
      .where((eb) => eb.and(conditions))
      .orderBy('event.start_at')
      .orderBy('event.id')
      .limit(limit);
    if (after) q = q.where(sql<SqlBool>`(event.start_at, event.id) > (${after.startAt}, ${after.id})`);
    const rows = q.execute();
    // Awaited later; a walk closed early must not leave it to reject unobserved.
    rows.catch(() => {});
    return rows;
  };
  let pending = pageAfter(options.after ?? null);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    const after: ExportKey = { startAt: Number(last.start_at), id: Number(last.id) };
    // The next page is asked for now: on PostgreSQL the database reads it (on a second connection)
    // while this page's tags and files are read and the page is written out.
    pending = rows.length < limit ? Promise.resolve([]) : pageAfter(after);
    const ids = rows.map((r) => Number(r.id));
    const [tags, files, attachments] = await Promise.all([
      tagsOfEvents(db, ids),
      filesOfEvents(db, ids, redact),
      // The blue team gets the shared ones only; names are masked like file names.
      visibleAttachmentsOf(db, principal, ids),
    ]);
    const events = rows.map(
      (r): ExchangeEvent => ({
        timestamp: toIsoUtc(Number(r.start_at)),
        timestamp_end: r.end_at === null ? null : toIsoUtc(Number(r.end_at)),
        operator: r.operator,
        source: {
          host: redact(r.s_host),
          user: redact(r.s_user),
          process: redact(r.s_process),
          red_team_infrastructure: Boolean(Number(r.s_rti)),
        },
        target: {
          host: redact(r.t_host),
          user: redact(r.t_user),
          process: redact(r.t_process),
          red_team_infrastructure: Boolean(Number(r.t_rti)),
        },
        mitre_attack_tactic: r.tactic_id,
        mitre_attack_technique: r.technique_id,
        mitre_attack_subtechnique: r.subtechnique_id,
        description: redact(r.description),
        raw_evidence: redact(r.raw_evidence),
        outcome: redact(r.outcome),
        detected: r.detected,
        prevented: r.prevented,
        tags: (tags.get(Number(r.id)) ?? []).map(redact),
        starred: Boolean(r.starred),
        files: files.get(Number(r.id)) ?? [],
        attachments: (attachments.get(Number(r.id)) ?? []).map((a) => ({
          ...a,
          filename: redact(a.filename),
        })),
      }),
    );
    yield { events, after };
  }
}
