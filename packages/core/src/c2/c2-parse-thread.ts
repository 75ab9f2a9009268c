// Runs inside a plugin pool thread: a C2 source's parseFile over a few log files of an import, so a
// plugin's parser never runs on the server's event loop (an endless loop costs a thread, not the server).
import type { DatabaseTarget } from '@steppingstones/db';
import type { C2ParseResult, C2SourceContext, C2SourcePoint } from '@steppingstones/plugin-sdk';
import type { PermissionCode, Principal } from '../permissions/index.ts';
import { pluginContextBase } from '../plugins/host/plugin-context-base.ts';
import { pointsOf } from '../plugins/plugin-registry.ts';

export interface C2ParseThreadData {
  specifier: string;
  pluginId: string;
  pluginVersion: string;
  key: string;
  principal: Omit<Principal, 'permissions'> & { permissions: string[] };
  engagement: C2SourceContext['engagement'];
  config: unknown;
  nowMs: number;
  database: DatabaseTarget;
  logLevel: string;
  files: Array<{ path: string; text: string }>;
}

/** Each file's records and rejections, in the order given. */
export async function parseC2FilesInThread(
  data: C2ParseThreadData,
  signal: AbortSignal,
): Promise<C2ParseResult[]> {
  const mod = (await import(data.specifier)) as { default: Parameters<typeof pointsOf>[0] };
  const point = pointsOf(mod.default, 'c2-source').find((p) => p.key === data.key) as
    | C2SourcePoint
    | undefined;
  if (!point) throw new Error(`the C2 source ${data.key} is not in the plugin any more`);
  const principal: Principal = {
    ...data.principal,
    permissions: new Set(data.principal.permissions as PermissionCode[]),
  };
  const base = pluginContextBase({
    ...data,
    principal,
    point: { type: 'c2-source', key: data.key },
    signal,
  });
  const ctx: C2SourceContext = { engagement: data.engagement, logger: base.logger, signal };
  return data.files.map((file) => {
    signal.throwIfAborted();
    return point.parseFile(ctx, file);
  });
}
