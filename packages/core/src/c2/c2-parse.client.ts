import type { C2ParseResult } from '@steppingstones/plugin-sdk';
import type { AppContext } from '../app-context.ts';
import { PluginFailedError, PluginTimeoutError } from '../plugins/host/plugin-errors.ts';
import { pluginHostFor } from '../plugins/plugin-host.ts';
import { DEFAULT_RENDER_TIMEOUT_MS } from '../plugins/plugin-point-types.ts';
import type { C2ParseThreadData } from './c2-parse-thread.ts';
import type { C2Source } from './c2-source.ts';

export type C2FileParse = (path: string, text: string) => Promise<C2ParseResult>;

/**
 * A C2 source's `parseFile`, run in the plugin thread pool like every other plugin call: each file
 * with the source's deadline and the engagement, never on the event loop (the caller's permissions
 * were checked before: a parser only reads the files it is given).
 */
export async function c2ThreadParser(
  ctx: AppContext,
  source: C2Source,
  engagement: C2ParseThreadData['engagement'],
  signal: AbortSignal,
): Promise<C2FileParse> {
  const host = await pluginHostFor(ctx);
  const found = host.registry.point('c2-source', source.pluginId, source.point.key);
  if (!found) throw new Error(`the C2 source ${source.pluginId}:${source.point.key} is not loaded`);
  const { plugin } = found;
  const timeoutMs = source.point.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const who = { plugin: plugin.definition.id, point: `c2-source:${source.point.key}` };
  const base: Omit<C2ParseThreadData, 'files'> = {
    specifier: plugin.specifier,
    pluginId: plugin.definition.id,
    key: source.point.key,
    engagement,
    logLevel: ctx.config.logLevel,
  };
  return async (path, text) => {
    const data: C2ParseThreadData = { ...base, files: [{ path, text }] };
    const outcome = await host.threads.run<C2ParseResult[]>('c2-source', data, { timeoutMs, signal });
    if (outcome.kind === 'result') return outcome.value[0] as C2ParseResult;
    if (outcome.kind === 'timeout') {
      ctx.logger.warn({ ...who, timeoutMs, path }, 'C2 source passed its deadline; thread terminated');
      throw new PluginTimeoutError(who.plugin, who.point, timeoutMs, source.point.title);
    }
    if (outcome.kind === 'aborted')
      throw new PluginFailedError(who.plugin, who.point, 'The import was cancelled.');
    ctx.logger.error({ ...who, path, err: { message: outcome.message } }, 'C2 source failed');
    throw new PluginFailedError(
      who.plugin,
      who.point,
      `The C2 source "${source.point.title}" (plugin ${who.plugin}) failed on ${path}: ${outcome.message}`,
    );
  };
}

/**
 * Work started ahead and taken in the order it was started: the plugin thread parses the next files
 * while the import writes what the previous ones held. At most `ahead` results wait, so memory holds a
 * few files whatever the archive's size.
 */
export class InOrder<T> {
  private readonly waiting: Promise<T>[] = [];

  constructor(
    private readonly ahead: number,
    private readonly take: (value: T) => Promise<void>,
  ) {}

  async add(work: Promise<T>): Promise<void> {
    // Awaited in turn below; until then a failure must not count as unhandled.
    work.catch(() => {});
    this.waiting.push(work);
    while (this.waiting.length > this.ahead) await this.take(await (this.waiting.shift() as Promise<T>));
  }

  async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.take(await (this.waiting.shift() as Promise<T>));
  }
}
