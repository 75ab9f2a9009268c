// The entry of a report's worker thread: builds its own read-only database connection and context
// from what the server handed over, re-checks access, renders, and posts the bytes back.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb, type DatabaseTarget } from '@steppingstones/db';
import type { ReportContext } from '@steppingstones/plugin-sdk';
import type { PermissionCode, Principal } from '../../permissions/index.ts';
import type { ValidatedReportPoint } from '../plugin-definition.schema.ts';
import { mayUsePoint } from '../plugin-menu.ts';
import type { MenuPointType } from '../plugin-point-types.ts';
import { pointsOf } from '../plugin-registry.ts';
import { pluginContextBase } from './plugin-context-base.ts';
import { reportQueries } from './report-data.ts';
import { toRenderedReport } from './report-output.ts';
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

async function main(): Promise<void> {
  const data = workerData as ReportThreadData;
  const mod = (await import(data.specifier)) as { default: Parameters<typeof pointsOf>[0] };
  const point = pointsOf(mod.default, data.type).find((p) => p.key === data.key) as
    | ValidatedReportPoint
    | undefined;
  if (!point) throw new Error(`the point ${data.type} ${data.key} is not in the plugin any more`);
  const database = createDb({ target: data.database, readonly: true, poolSize: 1 });
  parentPort!.postMessage({ started: true });
  try {
    const principal: Principal = {
      ...data.principal,
      permissions: new Set(data.principal.permissions as PermissionCode[]),
    };
    if (!mayUsePoint(principal, data.type, { ...point, requires: point.requires ?? [] }))
      throw new Error('the caller lacks a permission this report requires');
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
    const rendered = toRenderedReport(output, point.output, point.key, data.format);
    parentPort!.postMessage({ ok: true, value: rendered });
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  parentPort!.postMessage({ ok: false, message: e.message, stack: e.stack });
});
