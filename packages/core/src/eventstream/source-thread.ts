// Runs inside a plugin pool thread: one EventStream source's parse over one uploaded file.
import type { DatabaseTarget } from '@steppingstones/db';
import type { SourceContext, SourceInput, SourceResult } from '@steppingstones/plugin-sdk';
import type { PermissionCode, Principal } from '../permissions/index.ts';
import { pluginContextBase } from '../plugins/host/plugin-context-base.ts';
import type { ValidatedSourcePoint } from '../plugins/plugin-definition.schema.ts';
import { mayUsePoint } from '../plugins/plugin-menu.ts';
import { pointsOf } from '../plugins/plugin-registry.ts';

export interface SourceThreadData {
  specifier: string;
  pluginId: string;
  pluginVersion: string;
  key: string;
  principal: Omit<Principal, 'permissions'> & { permissions: string[] };
  engagement: { id: number; code: string; name: string; startDate: string; endDate: string };
  params: Record<string, unknown>;
  config: unknown;
  filename: string;
  body: Uint8Array;
  nowMs: number;
  database: DatabaseTarget;
  logLevel: string;
}

/** What a parse produced: the records as EventStream lines, and the problems the source reported. */
export interface SourceThreadReply {
  lines: string[];
  errors: Array<{ message: string; line?: number; entry?: string }>;
}

/** At most this many problems are kept (a source failing on every line of a huge file says so once). */
const MAX_ERRORS = 1000;

export async function runSourceInThread(
  data: SourceThreadData,
  signal: AbortSignal,
): Promise<SourceThreadReply> {
  const mod = (await import(data.specifier)) as { default: Parameters<typeof pointsOf>[0] };
  const point = pointsOf(mod.default, 'eventstream-source').find((p) => p.key === data.key) as
    | ValidatedSourcePoint
    | undefined;
  if (!point) throw new Error(`the source ${data.key} is not in the plugin any more`);
  const principal: Principal = {
    ...data.principal,
    permissions: new Set(data.principal.permissions as PermissionCode[]),
  };
  if (!mayUsePoint(principal, 'eventstream-source', { ...point, requires: point.requires ?? [] }))
    throw new Error('the caller lacks a permission this source requires');
  const params = point.paramsSchema ? point.paramsSchema.parse(data.params) : {};
  const ctx: SourceContext = {
    ...pluginContextBase({
      ...data,
      principal,
      point: { type: 'eventstream-source', key: data.key },
      signal,
    }),
    engagement: data.engagement,
    params: params as Record<string, unknown>,
  };
  const body = data.body;
  const input: SourceInput = {
    kind: 'stream',
    filename: data.filename,
    stream: (async function* () {
      yield body;
    })(),
  };
  const results = point.parse(ctx as never, input as never) as
    | AsyncIterable<SourceResult>
    | Iterable<SourceResult>;
  const reply: SourceThreadReply = { lines: [], errors: [] };
  for await (const result of results) {
    signal.throwIfAborted();
    if ('record' in result) reply.lines.push(JSON.stringify(result.record));
    else if (reply.errors.length < MAX_ERRORS) reply.errors.push(result.error);
  }
  return reply;
}
