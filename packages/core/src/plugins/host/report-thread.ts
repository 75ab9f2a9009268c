// Runs inside a pool thread: builds its own read-only context from what the server handed over.
import type { MessagePort } from 'node:worker_threads';
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
import { isAsyncIterable } from './report-pieces.ts';
import type { ChartFormat, CredentialReportFilter, ReportFilter } from './report-request.ts';
import { sendReportStream } from './report-stream-send.ts';

export interface ReportThreadData {
  specifier: string;
  pluginId: string;
  pluginVersion: string;
  type: MenuPointType;
  key: string;
  principal: Omit<Principal, 'permissions'> & { permissions: string[] };
  engagementId: number;
  filter: ReportFilter;
  credentialFilter: CredentialReportFilter;
  params: Record<string, unknown>;
  config: unknown;
  format: ChartFormat | undefined;
  /** A preview's cap on the events the report reads (report-request.ts); none for a full render. */
  eventLimit?: number;
  locale: string;
  nowMs: number;
  database: DatabaseTarget;
  /** ATTACHMENTS_S3_URL, for reports that embed images stored in the bucket. */
  attachmentsS3Url?: string | undefined;
  logLevel: string;
  /** Where a streamed body goes (transferred with the call); a complete body is the call's result. */
  port?: MessagePort;
}

/** A complete report, or word that it was streamed through the port. */
export type ReportThreadReply = RenderedReport | { streamed: true };

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
 * principal's permissions and engagement access, builds the context and checks the output. A
 * streamed body is sent through `data.port` as the server takes it; `signal` is the call's (the
 * context's `signal`): it aborts when the server cancels the render.
 */
export async function renderReportInThread(
  data: ReportThreadData,
  callSignal: AbortSignal,
): Promise<ReportThreadReply> {
  // The render's signal: the pool's cancellation, or the server no longer reading a streamed body.
  const render = new AbortController();
  const onCancel = () => render.abort(callSignal.reason);
  callSignal.addEventListener('abort', onCancel, { once: true });
  try {
    return await renderWith(data, render);
  } finally {
    callSignal.removeEventListener('abort', onCancel);
  }
}

async function renderWith(data: ReportThreadData, render: AbortController): Promise<ReportThreadReply> {
  const { signal } = render;
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
    ...pluginContextBase({ ...data, principal, point: { type: data.type, key: data.key }, signal }),
    engagement: {
      id: Number(engagement.id),
      code: engagement.code,
      name: engagement.name,
      startDate: engagement.start_date,
      endDate: engagement.end_date,
    },
    // A credential report sees the vault's filter, an event report the grid's.
    filter: (data.type === 'credential-report'
      ? data.credentialFilter
      : data.filter) as ReportContext['filter'],
    params: params as Record<string, unknown>,
    locale: data.locale,
    ...reportQueries({
      db: database.db,
      dialect: database.dialect,
      principal,
      engagementId: data.engagementId,
      filter: data.filter,
      credentialFilter: data.credentialFilter,
      eventLimit: data.eventLimit,
      attachmentsS3Url: data.attachmentsS3Url,
      signal,
    }),
  };
  const output = await point.render(ctx as never);
  const rendered = await toRenderedReport(output, point.output, point.key, data.format);
  if (!isAsyncIterable(rendered.body)) return rendered;
  const { body, ...head } = rendered;
  if (!data.port) throw new Error('this report streams, but the call has no port to stream through');
  await sendReportStream(data.port, head, body, render);
  return { streamed: true };
}
