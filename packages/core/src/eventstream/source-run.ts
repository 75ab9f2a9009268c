import type { AppContext } from '../app-context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { type Principal, principalInEngagement } from '../permissions/index.ts';
import { PluginFailedError, PluginTimeoutError } from '../plugins/host/plugin-errors.ts';
import type { ValidatedSourcePoint } from '../plugins/plugin-definition.schema.ts';
import { pluginHostFor } from '../plugins/plugin-host.ts';
import { mayUsePoint, paramsJsonSchema, requiredPermissions } from '../plugins/plugin-menu.ts';
import { DEFAULT_RENDER_TIMEOUT_MS } from '../plugins/plugin-point-types.ts';
import { parseOrThrow } from '../zod-errors.ts';
import type { EventStreamEngagement } from './eventstream-engagement.ts';
import type { SourceThreadData, SourceThreadReply } from './source-thread.ts';

/** The most a source is given: the whole file goes to its thread at once. */
export const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

export interface SourceRequest {
  /** `PLUGIN:KEY` */
  source: string;
  params: Record<string, string | string[]>;
  filename: string;
}

/** Query strings → the JSON types the parameter schema declares, before zod checks them. */
function coerce(value: string | string[], type: unknown): unknown {
  const one = Array.isArray(value) ? value[value.length - 1]! : value;
  if (type === 'array')
    return (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean);
  if (type === 'boolean')
    return one === 'true' || one === '1' ? true : one === 'false' || one === '0' ? false : one;
  if ((type === 'number' || type === 'integer') && one.trim() !== '' && !Number.isNaN(Number(one)))
    return Number(one);
  return one;
}

/** The enabled source the principal may run, and its parameters checked by its schema. */
export async function findSource(ctx: AppContext, principal: Principal, request: SourceRequest) {
  const [pluginId, key, ...rest] = request.source.split(':');
  if (!pluginId || !key || rest.length)
    throw ValidationError.field('source', 'must be PLUGIN:KEY, e.g. eventstream-sources:bash-history');
  const host = await pluginHostFor(ctx);
  const found = host.registry.point('eventstream-source', pluginId, key);
  if (!found || !(await host.state.isEnabled(pluginId, 'eventstream-source', key)))
    throw new NotFoundError(`The EventStream source "${request.source}"`);
  const point = found.point as ValidatedSourcePoint;
  if (!mayUsePoint(principal, 'eventstream-source', point))
    throw new ForbiddenError(
      `You need the permissions ${requiredPermissions('eventstream-source', point).join(', ')} to use the source "${point.title}".`,
    );
  const properties = (paramsJsonSchema(point).properties ?? {}) as Record<string, { type?: unknown }>;
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.params)) {
    if (!(name in properties)) {
      const known = Object.keys(properties);
      throw ValidationError.field(
        `param.${name}`,
        `is not a parameter of this source${known.length ? ` (its parameters: ${known.join(', ')})` : ' (it has none)'}`,
      );
    }
    input[name] = coerce(value, properties[name]?.type);
  }
  const params = point.paramsSchema
    ? (parseOrThrow(point.paramsSchema, input) as Record<string, unknown>)
    : {};
  return { host, plugin: found.plugin, point, params };
}

/**
 * Runs a source plugin over a file in a plugin thread with a deadline, and answers the EventStream
 * lines it produced. A source that reports problems and produces nothing did not understand the
 * file: that is a 400 naming the source and its first problems, and nothing is imported.
 */
export async function runSource(
  ctx: AppContext,
  principal: Principal,
  engagement: EventStreamEngagement,
  request: SourceRequest,
  body: Buffer,
  signal?: AbortSignal,
): Promise<SourceThreadReply> {
  // The source sees the caller's permissions in this engagement only.
  principal = principalInEngagement(principal, engagement.id);
  const { host, plugin, point, params } = await findSource(ctx, principal, request);
  const timeoutMs = point.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  // A copy the thread owns: transferring the body's own memory could take a pooled buffer with it.
  const bytes = new Uint8Array(body.byteLength);
  bytes.set(body);
  const data: SourceThreadData = {
    specifier: plugin.specifier,
    pluginId: plugin.definition.id,
    pluginVersion: plugin.definition.version,
    key: point.key,
    principal: { ...principal, permissions: [...principal.permissions] },
    engagement: {
      id: engagement.id,
      code: engagement.code,
      name: engagement.name,
      startDate: engagement.startDate,
      endDate: engagement.endDate,
    },
    params,
    config: plugin.config,
    filename: request.filename,
    body: bytes,
    nowMs: ctx.clock.now(),
    database: host.database.target,
    logLevel: ctx.config.logLevel,
  };
  const who = { plugin: plugin.definition.id, point: `eventstream-source:${point.key}` };
  const outcome = await host.threads.run<SourceThreadReply>('eventstream-source', data, {
    timeoutMs,
    signal,
    transfer: [bytes.buffer],
  });
  if (outcome.kind === 'timeout') {
    ctx.logger.warn({ ...who, timeoutMs }, 'EventStream source passed its deadline; thread terminated');
    throw new PluginTimeoutError(who.plugin, who.point, timeoutMs, point.title);
  }
  if (outcome.kind === 'aborted')
    throw new PluginFailedError(who.plugin, who.point, 'The import was cancelled.');
  if (outcome.kind === 'error') {
    ctx.logger.error({ ...who, err: { message: outcome.message } }, 'EventStream source failed');
    throw new PluginFailedError(
      who.plugin,
      who.point,
      `The source "${point.title}" (plugin ${who.plugin}) failed: ${outcome.message}`,
    );
  }
  const reply = outcome.value;
  if (reply.lines.length === 0 && reply.errors.length > 0) {
    const first = reply.errors
      .slice(0, 3)
      .map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.message}`)
      .join('; ');
    throw ValidationError.field(
      'source',
      `"${point.title}" could not read ${request.filename}: ${first}. Nothing was imported.`,
    );
  }
  return reply;
}
