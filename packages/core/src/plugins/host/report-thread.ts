// Runs inside a pool thread: builds its own read-only context from what the server handed over.
import { createDb, type Database, type DatabaseTarget } from '@steppingstones/db';
import type { ReportContext } from '@steppingstones/plugin-sdk';
import { canAccessEngagement, type PermissionCode, type Principal } from '../../permissions/index.ts';
import type { ValidatedReportPoint } from '../plugin-definition.schema.ts';
import { mayUsePoint } from '../plugin-menu.ts';
import type { MenuPointType } from '../plugin-point-types.ts';
import { pointsOf } from '../plugin-registry.ts';
import { pluginContextBase } from './plugin-context-base.ts';
import { reportQueries } from './report-data.ts';
import { type RenderedReport, toRenderedReport } from './report-output.ts';
import type { ReportFilter } from './report-request.ts';

export interface ReportThreadData {
  specifier: string;
  pluginId: string;
  pluginVersion: string;
  type: MenuPointType;
  key: string;
  principal: Omit<Principal, 'permissions'> & { permissions: string[] };
  engagementId: number;
  filter: ReportFilter;
  params: Record<string, unknown>;
  config: unknown;
  format: 'svg' | 'png' | undefined;
  locale: string;
  nowMs: number;
  database: DatabaseTarget;
  logLevel: string;
}

const connections = new Map<string, Database>();

/** One read-only connection per database per thread, reused by the thread's later calls. */
function readOnlyDatabase(target: DatabaseTarget): Database {
  const key = JSON.stringify(target);
  let database = connections.get(key);
  if (!database) {
    database = createDb({ target, readonly: true, poolSize: 1 });
    connections.set(key, database);
  }
  return database;
}

/**
 * Renders one report inside a pool thread: imports the plugin (cached by the thread), re-checks the
 * principal's permissions and engagement access, builds the context and checks the output.
 */
export async function renderReportInThread(data: ReportThreadData): Promise<RenderedReport> {
  const mod = (await import(data.specifier)) as { default: Parameters<typeof pointsOf>[0] };
  const point = pointsOf(mod.default, data.type).find((p) => p.key === data.key) as
    | ValidatedReportPoint
    | undefined;
  if (!point) throw new Error(`the point ${data.type} ${data.key} is not in the plugin any more`);
  const database = readOnlyDatabase(data.database);
  const principal: Principal = {
    ...data.principal,
    permissions: new Set(data.principal.permissions as PermissionCode[]),
  };
  if (!mayUsePoint(principal, data.type, { ...point, requires: point.requires ?? [] }))
    throw new Error('the caller lacks a permission this report requires');
  if (!canAccessEngagement(principal, data.engagementId))
    throw new Error('the caller may not see this engagement');
  const engagement = await database.db
    .selectFrom('engagement')
    .select(['id', 'code', 'name', 'start_date', 'end_date'])
    .where('id', '=', data.engagementId)
    .executeTakeFirstOrThrow();
  const params = point.paramsSchema ? point.paramsSchema.parse(data.params) : {};
  const ctx: ReportContext = {
    ...pluginContextBase({ ...data, principal, point: { type: data.type, key: data.key } }),
    engagement: {
      id: Number(engagement.id),
      code: engagement.code,
      name: engagement.name,
      startDate: engagement.start_date,
      endDate: engagement.end_date,
    },
    filter: data.filter as ReportContext['filter'],
    params: params as Record<string, unknown>,
    locale: data.locale,
    ...reportQueries({
      db: database.db,
      dialect: database.dialect,
      principal,
      engagementId: data.engagementId,
      filter: data.filter,
    }),
  };
  const output = await point.render(ctx as never);
  return toRenderedReport(output, point.output, point.key, data.format);
}
