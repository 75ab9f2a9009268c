import type { DB, DialectName } from '@steppingstones/db';
import type { EventPageOptions, ReportEvent } from '@steppingstones/plugin-sdk';
import type { EventDto } from '@steppingstones/shared/events';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { eventFilterConditions } from '../../events/event.filter.ts';
import { loadEventDtos } from '../../events/event.queries.ts';
import { redactorFor } from '../../events/event.redaction.ts';
import type { Principal } from '../../permissions/index.ts';
import { reportAttachmentsOf } from './report-attachments.ts';
import type { ReportFilter } from './report-request.ts';

/** Events read per query round when a report reads them all. */
export const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 5000;

function ref(id: string | null, name: string | null) {
  return id ? { mitreId: id, name: name ?? id } : null;
}

function reportContext(c: EventDto['source']): ReportEvent['source'] {
  return {
    id: c.id,
    host: c.host,
    user: c.user,
    process: c.process,
    redTeamInfrastructure: c.red_team_infrastructure,
  };
}

function toReportEvent(
  e: EventDto,
  names: Map<string, string>,
  attachments: ReportEvent['attachments'],
): ReportEvent {
  return {
    id: e.id,
    startAt: e.timestamp,
    endAt: e.timestamp_end,
    operator: e.operator ?? '',
    source: reportContext(e.source),
    target: reportContext(e.target),
    tactic: ref(e.mitre_attack_tactic, names.get(e.mitre_attack_tactic ?? '') ?? null),
    technique: ref(e.mitre_attack_technique, names.get(e.mitre_attack_technique ?? '') ?? null),
    subtechnique: ref(e.mitre_attack_subtechnique, names.get(e.mitre_attack_subtechnique ?? '') ?? null),
    description: e.description,
    rawEvidence: e.raw_evidence,
    outcome: e.outcome,
    detected: e.detected,
    prevented: e.prevented,
    tags: e.tags,
    starred: e.starred,
    files: e.files.map((f) => ({
      id: f.file_id,
      filename: f.filename,
      size: f.size,
      md5: f.md5 ?? '',
      sha1: f.sha1 ?? '',
      sha256: f.sha256 ?? '',
      description: f.description ?? '',
      location: f.location ?? '',
      removed: f.removed,
    })),
    attachments,
  };
}

export interface ReportEventReader {
  db: Kysely<DB>;
  dialect: DialectName;
  principal: Principal;
  engagementId: number;
  filter: ReportFilter;
  /** Stops a paged read between pages (the render was cancelled or passed its deadline). */
  signal?: AbortSignal;
  /** A preview's cap: no read returns more events than this (the first ones in its order). */
  eventLimit?: number;
}

/**
 * Reads a report's events: by id list (as `list()` does) or in keyset pages. ATT&CK names are cached
 * for the reader's lifetime (one render), since an engagement uses a few hundred ids at most.
 */
export function reportEventReader(reader: ReportEventReader) {
  const { db, principal, engagementId } = reader;
  const cap = reader.eventLimit ?? Number.POSITIVE_INFINITY;
  const capped = (limit: number | undefined) => {
    const n = Math.min(limit ?? Number.POSITIVE_INFINITY, cap);
    return Number.isFinite(n) ? n : undefined;
  };
  const names = new Map<string, string>();

  const nameIds = async (dtos: EventDto[]) => {
    const tactics = new Set<string>();
    const techniques = new Set<string>();
    for (const e of dtos) {
      if (e.mitre_attack_tactic && !names.has(e.mitre_attack_tactic)) tactics.add(e.mitre_attack_tactic);
      for (const t of [e.mitre_attack_technique, e.mitre_attack_subtechnique])
        if (t && !names.has(t)) techniques.add(t);
    }
    if (tactics.size) {
      const rows = await db
        .selectFrom('attack_tactic')
        .select(['id', 'name'])
        .where('id', 'in', [...tactics])
        .execute();
      for (const r of rows) names.set(r.id, r.name);
    }
    if (techniques.size) {
      const rows = await db
        .selectFrom('attack_technique')
        .select(['id', 'name'])
        .where('id', 'in', [...techniques])
        .execute();
      for (const r of rows) names.set(r.id, r.name);
    }
  };

  /** The events with these ids, in this order (with contexts, tags, files; redacted as in the grid). */
  const load = async (ids: number[]): Promise<ReportEvent[]> => {
    const out: ReportEvent[] = [];
    for (let i = 0; i < ids.length; i += DEFAULT_PAGE_SIZE) {
      const dtos = await loadEventDtos(db, principal, ids.slice(i, i + DEFAULT_PAGE_SIZE));
      await nameIds(dtos);
      // Every attachment the principal may see (the row DTO names only the first few).
      const attachments = await reportAttachmentsOf(
        db,
        principal,
        dtos.map((d) => d.id),
        redactorFor(principal),
      );
      for (const d of dtos) out.push(toReportEvent(d, names, attachments.get(d.id) ?? []));
    }
    return out;
  };

  const conditions = (filtered: boolean) =>
    eventFilterConditions(reader.dialect, principal, filtered ? reader.filter : {}, [engagementId]);

  /** Ids in report order (start time, then id), after a position when given. */
  const ids = async (
    filtered: boolean,
    order: 'asc' | 'desc',
    limit: number | undefined,
    after: { startAt: number; id: number } | null = null,
  ) => {
    let q = db
      .selectFrom('event')
      .select(['event.id', 'event.start_at'])
      .where((eb) => eb.and(conditions(filtered)))
      .orderBy('event.start_at', order)
      .orderBy('event.id', order);
    if (after)
      q = q.where(
        sql<SqlBool>`(event.start_at, event.id) ${sql.raw(order === 'asc' ? '>' : '<')} (${after.startAt}, ${after.id})`,
      );
    if (limit !== undefined) q = q.limit(limit);
    return (await q.execute()).map((r) => ({ id: Number(r.id), startAt: Number(r.start_at) }));
  };

  async function* pages(options: EventPageOptions = {}): AsyncGenerator<ReportEvent[]> {
    const size = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
      throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    const order = options.order ?? 'asc';
    let left = capped(options.limit) ?? Number.POSITIVE_INFINITY;
    let after: { startAt: number; id: number } | null = null;
    while (left > 0) {
      reader.signal?.throwIfAborted();
      const page = await ids(!options.ignoreFilter, order, Math.min(size, left), after);
      if (!page.length) return;
      after = page[page.length - 1]!;
      left -= page.length;
      yield await load(page.map((r) => r.id));
      if (page.length < size) return;
    }
  }

  return {
    load,
    list: async (filtered: boolean, order: 'asc' | 'desc', limit?: number) =>
      load((await ids(filtered, order, capped(limit))).map((r) => r.id)),
    pages,
    async *iterate(options: EventPageOptions = {}): AsyncGenerator<ReportEvent> {
      for await (const page of pages(options)) yield* page;
    },
  };
}
