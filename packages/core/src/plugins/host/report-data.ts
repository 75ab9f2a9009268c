import type { DB, DialectName } from '@steppingstones/db';
import type {
  AttachmentQueries,
  AttackQueries,
  C2Queries,
  ContextQueries,
  CredentialQueries,
  EventQueries,
  FileQueries,
} from '@steppingstones/plugin-sdk';
import { type Kysely, sql } from 'kysely';
import { getTechnique } from '../../attack/attack.queries.ts';
import { reportC2Queries } from '../../c2/c2-report.queries.ts';
import { reportCredentialQueries } from '../../credential-analytics/report-credentials.ts';
import { NotFoundError } from '../../errors.ts';
import { eventFilterConditions } from '../../events/event.filter.ts';
import { redactorFor } from '../../events/event.redaction.ts';
import { type Principal, requireEngagementPermission } from '../../permissions/index.ts';
import { reportAttachmentQueries } from './report-attachments.ts';
import { reportEventReader } from './report-events.ts';
import type { CredentialReportFilter, ReportFilter } from './report-request.ts';

export interface ReportScope {
  db: Kysely<DB>;
  dialect: DialectName;
  principal: Principal;
  engagementId: number;
  filter: ReportFilter;
  /** The vault list's filter, which credential reads apply (credential reports). */
  credentialFilter?: CredentialReportFilter;
  /** The render's signal: paged reads stop when it aborts. */
  signal?: AbortSignal;
  /** ATTACHMENTS_S3_URL: images stored in the bucket are read from it. */
  attachmentsS3Url?: string | undefined;
  /** A preview's cap: event reads return at most this many events, and `count` says so too. */
  eventLimit?: number;
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
  c2: C2Queries;
  attachments: AttachmentQueries;
} {
  const { db, principal, engagementId } = scope;
  const check = (permission: 'event.view' | 'context.view' | 'file.view' | 'credential.view' | 'c2.view') => {
    requireEngagementPermission(principal, engagementId, permission, 'The engagement');
  };
  const reader = reportEventReader(scope);
  return {
    events: {
      async list(options = {}) {
        check('event.view');
        return reader.list(true, options.order ?? 'asc', options.limit);
      },
      async listAll(options = {}) {
        check('event.view');
        return reader.list(false, 'asc', options.limit);
      },
      pages(options = {}) {
        check('event.view');
        return reader.pages(options);
      },
      iterate(options = {}) {
        check('event.view');
        return reader.iterate(options);
      },
      async count() {
        check('event.view');
        const conditions = eventFilterConditions(scope.dialect, principal, scope.filter, [engagementId]);
        const row = await db
          .selectFrom('event')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) => eb.and(conditions))
          .executeTakeFirst();
        return Math.min(Number(row?.n ?? 0), scope.eventLimit ?? Number.POSITIVE_INFINITY);
      },
    },
    contexts: {
      async list() {
        check('context.view');
        const rows = await db
          .selectFrom('context')
          .select(['id', 'host', 'user', 'process', 'red_team_infrastructure'])
          .where('engagement_id', '=', engagementId)
          .orderBy('host')
          .orderBy('user')
          .orderBy('process')
          .execute();
        // Contexts pass through the same masking as evidence (a process line can hold a password).
        const redact = redactorFor(principal);
        return rows.map((r) => ({
          id: Number(r.id),
          host: redact(r.host),
          user: redact(r.user),
          process: redact(r.process),
          redTeamInfrastructure: Number(r.red_team_infrastructure) === 1,
        }));
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
        // Free text is masked like the Files page's (hashes are IOCs and stay visible).
        const redact = redactorFor(principal);
        return rows.map((r) => ({
          id: Number(r.id),
          filename: redact(r.filename),
          size: r.size === null ? null : Number(r.size),
          md5: r.md5 ?? '',
          sha1: r.sha1 ?? '',
          sha256: r.sha256 ?? '',
          description: redact(r.description ?? ''),
          eventId: Number(r.event_id),
          location: redact(r.location ?? ''),
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
    credentials: reportCredentialQueries(db, engagementId, scope.credentialFilter ?? {}, () =>
      check('credential.view'),
    ),
    c2: reportC2Queries(db, engagementId, () => check('c2.view')),
    attachments: reportAttachmentQueries(scope),
  };
}
