// Runs inside a plugin pool thread: a C2 source's parseFile over a few log files of an import, so a
// plugin's parser never runs on the server's event loop (an endless loop costs a thread, not the server).
// A parser's context is the engagement, a logger and a signal, so this loads only those (no database,
// permissions or report host): each pool thread parsing C2 logs stays small.
import type { C2ParseResult, C2SourceContext, C2SourcePoint } from '@steppingstones/plugin-sdk';
import { pluginLogger } from '../plugins/host/plugin-logger.ts';
import { POINT_MEMBER } from '../plugins/plugin-point-types.ts';

export interface C2ParseThreadData {
  specifier: string;
  pluginId: string;
  key: string;
  engagement: C2SourceContext['engagement'];
  logLevel: string;
  files: Array<{ path: string; text: string }>;
}

/** Each file's records and rejections, in the order given. */
export async function parseC2FilesInThread(
  data: C2ParseThreadData,
  signal: AbortSignal,
): Promise<C2ParseResult[]> {
  const mod = (await import(data.specifier)) as { default: Record<string, C2SourcePoint[] | undefined> };
  const point = mod.default[POINT_MEMBER['c2-source']]?.find((p) => p.key === data.key);
  if (!point) throw new Error(`the C2 source ${data.key} is not in the plugin any more`);
  const logger = pluginLogger({ ...data, point: { type: 'c2-source', key: data.key } });
  const ctx: C2SourceContext = { engagement: data.engagement, logger, signal };
  return data.files.map((file) => {
    signal.throwIfAborted();
    return point.parseFile(ctx, file);
  });
}
