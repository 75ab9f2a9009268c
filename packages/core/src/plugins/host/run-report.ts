import { MessageChannel } from 'node:worker_threads';
import type { AppContext } from '../../app-context.ts';
import { findEngagementByCode } from '../../engagements/index.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { canAccessEngagement, type Principal, principalInEngagement } from '../../permissions/index.ts';
import type { ValidatedReportPoint } from '../plugin-definition.schema.ts';
import type { PluginHost } from '../plugin-host.ts';
import { mayUsePoint, requiredPermissions } from '../plugin-menu.ts';
import { DEFAULT_RENDER_TIMEOUT_MS, type MenuPointType } from '../plugin-point-types.ts';
import { PluginFailedError, PluginTimeoutError } from './plugin-errors.ts';
import type { RenderedReport } from './report-output.ts';
import { PREVIEW_EVENT_LIMIT, parseReportRequest } from './report-request.ts';
import { receiveReportStream } from './report-stream-receive.ts';
import type { ReportThreadData, ReportThreadReply } from './report-thread.ts';
import type { ThreadOutcome } from './thread-pool.ts';

export interface RunReportInput {
  type: Extract<MenuPointType, 'event-report' | 'credential-report'>;
  pluginId: string;
  key: string;
  principal: Principal;
  query: Record<string, string | string[] | undefined>;
  locale?: string;
  /** Aborts the render (the client went away). */
  signal?: AbortSignal;
}

/** The point a user may open, or the error a user should see (404 when unknown or disabled). */
export async function findRunnableReport(
  host: PluginHost,
  input: Pick<RunReportInput, 'type' | 'pluginId' | 'key' | 'principal'>,
) {
  const found = host.registry.point(input.type, input.pluginId, input.key);
  if (!found || !(await host.state.isEnabled(input.pluginId, input.type, input.key)))
    throw new NotFoundError(`The report "${input.pluginId}/${input.key}"`);
  const point = found.point as ValidatedReportPoint;
  if (!mayUsePoint(input.principal, input.type, point))
    throw new ForbiddenError(
      `You need the permissions ${requiredPermissions(input.type, point).join(', ')} to run the report "${point.title}".`,
    );
  return { plugin: found.plugin, point };
}

/**
 * Everything a render needs checked first: the point is there and enabled, the query is valid, the
 * engagement exists and the caller may open this report in it (their role there, nothing from
 * elsewhere). A kept preview is answered only after the same checks.
 */
export async function authorizeReport(host: PluginHost, input: RunReportInput) {
  const { plugin, point } = await findRunnableReport(host, input);
  const request = parseReportRequest(point, input.query, input.type);
  const engagement = await findEngagementByCode(host.database.db, request.engagementCode);
  if (!engagement || !canAccessEngagement(input.principal, engagement.id))
    throw new NotFoundError(`The engagement "${request.engagementCode}"`);
  // The report runs as the caller stands in this engagement: their role there, nothing from elsewhere.
  const principal = principalInEngagement(input.principal, engagement.id);
  if (!mayUsePoint(principal, input.type, point))
    throw new ForbiddenError(
      `You need the permissions ${requiredPermissions(input.type, point).join(', ')} in this engagement to run the report "${point.title}".`,
    );
  return { plugin, point, request, engagement, principal };
}

/**
 * Renders a report in a worker thread with a deadline. The server's event loop only waits: a plugin
 * that throws, returns garbage, or loops forever fails that one request with a message naming it.
 * A streamed report's body is a Readable that fails (and so breaks the response off) when the render
 * fails or passes its deadline after the head was sent; aborting `signal` cancels the render.
 */
export async function runReport(
  app: AppContext,
  host: PluginHost,
  input: RunReportInput,
): Promise<RenderedReport> {
  const { plugin, point, request, engagement, principal } = await authorizeReport(host, input);

  const timeoutMs = point.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const data: ReportThreadData = {
    specifier: plugin.specifier,
    pluginId: plugin.definition.id,
    pluginVersion: plugin.definition.version,
    type: input.type,
    key: point.key,
    principal: { ...principal, permissions: [...principal.permissions] },
    engagementId: engagement.id,
    filter: request.filter,
    credentialFilter: request.credentialFilter,
    params: request.params,
    config: plugin.config,
    format: request.format,
    ...(request.preview ? { eventLimit: PREVIEW_EVENT_LIMIT } : {}),
    locale: input.locale ?? 'en-GB',
    // The app's clock, so a test that sets it gets reports dated as it says.
    nowMs: app.clock.now(),
    database: host.database.target,
    attachmentsS3Url: app.config.attachmentsS3Url,
    logLevel: app.config.logLevel,
  };
  const who = { plugin: plugin.definition.id, point: `${input.type}:${point.key}` };
  /** The error a failed outcome stands for (logged here, shown to the user by the route). */
  const failure = (outcome: Exclude<ThreadOutcome<unknown>, { kind: 'result' }>): Error => {
    switch (outcome.kind) {
      case 'timeout':
        app.logger.warn({ ...who, timeoutMs }, 'plugin render passed its deadline; thread terminated');
        return new PluginTimeoutError(who.plugin, who.point, timeoutMs, point.title);
      case 'aborted':
        return new PluginFailedError(who.plugin, who.point, 'The report was cancelled.');
      case 'error':
        app.logger.error(
          { ...who, err: { message: outcome.message, stack: outcome.stack } },
          'plugin render failed',
        );
        return new PluginFailedError(
          who.plugin,
          who.point,
          `The report "${point.title}" (plugin ${who.plugin}) failed: ${outcome.message}`,
        );
    }
  };

  // A streaming report sends its body through a port of its own; a complete one comes as the result.
  const channel = new MessageChannel();
  const stream = receiveReportStream(channel.port1);
  const running = host.threads.run<ReportThreadReply>(
    'report',
    { ...data, port: channel.port2 },
    { timeoutMs, signal: input.signal, transfer: [channel.port2] },
  );
  const first = await Promise.race([running, stream.head]);
  if ('contentType' in first) {
    // Streaming: the deadline still runs; a failure from now on breaks the response off.
    void running.then((outcome) => {
      if (outcome.kind !== 'result') stream.body.destroy(failure(outcome));
    });
    return { ...first, body: stream.body };
  }
  if (first.kind !== 'result') {
    stream.close();
    throw failure(first);
  }
  if ('streamed' in first.value) return { ...(await stream.head), body: stream.body };
  stream.close();
  return first.value;
}
