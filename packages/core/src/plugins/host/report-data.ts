import type { DB, DialectName } from '@steppingstones/db';
import type {
  AttackQueries,
  ContextQueries,
  CredentialQueries,
  EventQueries,
  FileQueries,
  ReportEvent,
} from '@steppingstones/plugin-sdk';
import type { EventDto } from '@steppingstones/shared/events';
import { type Kysely, sql } from 'kysely';
import { getTechnique } from '../../attack/attack.queries.ts';
import { NotFoundError } from '../../errors.ts';
import { eventFilterConditions } from '../../events/event.filter.ts';
import { loadEventDtos } from '../../events/event.queries.ts';
import { type Principal, requireEngagementAccess, requirePermission } from '../../permissions/index.ts';
import type { ReportFilter } from './report-request.ts';

const CHUNK = 500;

function ref(id: string | null, name: string | null) {
  return id ? { mitreId: id, name: name ?? id } : null;
}

function toReportEvent(e: EventDto, names: Map<string, string>): ReportEvent {
  return {
    id: e.id,
    startAt: e.timestamp,
    endAt: e.timestamp_end,
    operator: e.operator ?? '',
    source: { id: e.source.id, host: e.source.host, user: e.source.user, process: e.source.process },
    target: { id: e.target.id, host: e.target.host, user: e.target.user, process: e.target.process },
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
  };
}

async function attackNameMap(db: Kysely<DB>, dtos: EventDto[]): Promise<Map<string, string>> {
  const tactics = new Set<string>();
  const techniques = new Set<string>();
  for (const e of dtos) {
    if (e.mitre_attack_tactic) tactics.add(e.mitre_attack_tactic);
    for (const t of [e.mitre_attack_technique, e.mitre_attack_subtechnique]) if (t) techniques.add(t);
  }
  const out = new Map<string, string>();
  if (tactics.size) {
    const rows = await db
      .selectFrom('attack_tactic')
      .select(['id', 'name'])
      .where('id', 'in', [...tactics])
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  if (techniques.size) {
    const rows = await db
      .selectFrom('attack_technique')
      .select(['id', 'name'])
      .where('id', 'in', [...techniques])
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

export interface ReportScope {
  db: Kysely<DB>;
  dialect: DialectName;
  principal: Principal;
  engagementId: number;
  filter: ReportFilter;
}

/**
 * The read queries a report gets. Each call re-checks the principal's access to the engagement and
 * the area's permission (the thread trusts nothing it was handed), and applies the grid's filter with
 * the same code as the events list, including redaction for users without `credential.view`.
 */
export function reportQueries(scope: ReportScope): {
  events: EventQueries;
  contexts: ContextQueries;
  files: FileQueries;
  attack: AttackQueries;
  credentials: CredentialQueries;
} {
  const { db, principal, engagementId } = scope;
  const check = (permission: 'event.view' | 'context.view' | 'file.view' | 'credential.view') => {
    requireEngagementAccess(principal, engagementId, 'The engagement');
    requirePermission(principal, permission);
  };
  const listIds = async (filtered: boolean, order: 'asc' | 'desc', limit?: number) => {
    const conditions = eventFilterConditions(scope.dialect, principal, filtered ? scope.filter : {}, [
      engagementId,
    ]);
    let q = db
      .selectFrom('event')
      .select('event.id')
      .where((eb) => eb.and(conditions))
      .orderBy('event.start_at', order)
      .orderBy('event.id', order);
    if (limit !== undefined) q = q.limit(limit);
    return (await q.execute()).map((r) => Number(r.id));
  };
  const load = async (ids: number[]) => {
    const out: ReportEvent[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const dtos = await loadEventDtos(db, principal, ids.slice(i, i + CHUNK));
      const names = await attackNameMap(db, dtos);
      out.push(...dtos.map((d) => toReportEvent(d, names)));
    }
    return out;
  };
  return {
    events: {
      async list(options = {}) {
        check('event.view');
        return load(await listIds(true, options.order ?? 'asc', options.limit));
      },
      async listAll(options = {}) {
        check('event.view');
        return load(await listIds(false, 'asc', options.limit));
      },
      async count() {
        check('event.view');
        const conditions = eventFilterConditions(scope.dialect, principal, scope.filter, [engagementId]);
        const row = await db
          .selectFrom('event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => eb.and(conditions))
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
    },
    contexts: {
      async list() {
        check('context.view');
        const rows = await db
          .selectFrom('context')
          .select(['id', 'host', 'user', 'process'])
          .where('engagement_id', '=', engagementId)
          .orderBy('host')
          .orderBy('user')
          .orderBy('process')
          .execute();
        return rows.map((r) => ({ ...r, id: Number(r.id) }));
      },
    },
    files: {
      async list() {
        check('file.view');
        const rows = await db
          .selectFrom('file_distribution as fd')
          .innerJoin('file as f', 'f.id', 'fd.file_id')
          .innerJoin('event as e', 'e.id', 'fd.event_id')
          .select([
            'f.id',
            'f.filename',
            'f.size',
            'f.md5',
            'f.sha1',
            'f.sha256',
            'f.description',
            'fd.event_id',
            'fd.location',
            'fd.removed',
          ])
          .where('e.engagement_id', '=', engagementId)
          .where('e.deleted_at', 'is', null)
          .orderBy('e.start_at')
          .orderBy('fd.id')
          .execute();
        return rows.map((r) => ({
          id: Number(r.id),
          filename: r.filename,
          size: r.size === null ? null : Number(r.size),
          md5: r.md5 ?? '',
          sha1: r.sha1 ?? '',
          sha256: r.sha256 ?? '',
          description: r.description ?? '',
          eventId: Number(r.event_id),
          location: r.location ?? '',
          removed: Boolean(r.removed),
        }));
      },
    },
    attack: {
      async tactic(id) {
        const r = await db
          .selectFrom('attack_tactic')
          .select(['id', 'name', 'description'])
          .where('id', '=', id)
          .executeTakeFirst();
        return r ? { mitreId: r.id, name: r.name, description: r.description } : null;
      },
      async technique(id) {
        const r = await db
          .selectFrom('attack_technique')
          .select(['id', 'name', 'description'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!r) return null;
        const tactics = await db
          .selectFrom('attack_technique_tactic')
          .select('tactic_id')
          .where('technique_id', '=', sql<string>`${r.id.split('.')[0]}`)
          .execute();
        return {
          mitreId: r.id,
          name: r.name,
          description: r.description,
          tactics: tactics.map((t) => t.tactic_id),
        };
      },
      async tactics() {
        const rows = await db
          .selectFrom('attack_tactic')
          .select(['id', 'name', 'shortname'])
          .where('deprecated', '=', 0)
          .orderBy('matrix_order')
          .execute();
        return rows.map((r) => ({ mitreId: r.id, name: r.name, shortname: r.shortname }));
      },
      async techniqueDetail(id) {
        const t = await getTechnique(db, id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
        if (!t) return null;
        return {
          mitreId: t.id,
          name: t.name,
          parentId: t.parent_id,
          url: t.url,
          description: t.description,
          detection: t.detection,
          platforms: t.platforms,
          tactics: t.tactics.map((a) => ({ mitreId: a.id, name: a.name, shortname: a.shortname })),
          subtechniques: t.subtechniques.map((s) => ({ mitreId: s.id, name: s.name })),
          mitigations: t.mitigations.map((m) => ({ mitreId: m.id, ...m })),
          detectionStrategies: t.detection_strategies.map((s) => ({ mitreId: s.id, ...s })),
        };
      },
      async techniquesOfTactic(tacticId) {
        const rows = await db
          .selectFrom('attack_technique as t')
          .innerJoin('attack_technique_tactic as tt', 'tt.technique_id', 't.id')
          .select(['t.id', 't.name', 't.parent_id'])
          .where('tt.tactic_id', '=', tacticId)
          .where('t.deprecated', '=', 0)
          .orderBy('t.id')
          .execute();
        return rows.map((r) => ({ mitreId: r.id, name: r.name, parentId: r.parent_id }));
      },
    },
    credentials: {
      // The credentials area does not exist yet: the interface is stable, the list is empty until it does.
      async list() {
        check('credential.view');
        return [];
      },
    },
  };
}
