import { DomainError } from '../../errors.ts';

/** A plugin call failed (threw, returned malformed output, crashed its thread): that plugin's error only. */
export class PluginFailedError extends DomainError {
  override readonly status = 502;
  override readonly code = 'plugin_failed';
  constructor(
    readonly plugin: string,
    readonly point: string,
    message: string,
  ) {
    super(message);
  }
}

/** A plugin call passed its deadline; its thread was terminated. */
export class PluginTimeoutError extends DomainError {
  override readonly status = 504;
  override readonly code = 'plugin_timeout';
  constructor(
    readonly plugin: string,
    readonly point: string,
    timeoutMs: number,
    title: string,
  ) {
    super(
      `The report "${title}" (plugin ${plugin}) did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped. ` +
        'Narrow the filter, or ask the plugin author to make it faster.',
    );
  }
}
