import type { PluginLogger } from '@steppingstones/plugin-sdk';
import pino, { type Logger } from 'pino';

/**
 * A plugin call's logger, tagged with the plugin and point. On its own (pino only), so a thread that
 * needs nothing else of the plugin context (a C2 source's parser) does not load the rest.
 */
export function pluginLogger(input: {
  pluginId: string;
  point: { type: string; key: string };
  logLevel: string;
  logger?: Logger;
}): PluginLogger {
  const root = input.logger ?? pino({ name: 'plugin', level: input.logLevel });
  const base = root.child({ plugin: input.pluginId, point: `${input.point.type}:${input.point.key}` });
  return {
    debug: (message, data) => base.debug(data ?? {}, message),
    info: (message, data) => base.info(data ?? {}, message),
    warn: (message, data) => base.warn(data ?? {}, message),
    error: (message, data) => base.error(data ?? {}, message),
  };
}
