import { type AppConfig, ConfigError } from '@steppingstones/core';

/**
 * Turns a failed listen into an error naming the setting to change: a HOST that does not resolve or is
 * not an address of this machine, or a PORT that is taken or needs privileges. Other errors pass through.
 */
export function explainListenError(error: unknown, config: Pick<AppConfig, 'host' | 'port'>): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConfigError('HOST', `"${config.host}" does not resolve to an address of this machine`);
    case 'EADDRNOTAVAIL':
      return new ConfigError('HOST', `"${config.host}" is not an address of this machine`);
    case 'EADDRINUSE':
      return new ConfigError(
        'PORT',
        `${config.port} is already in use on ${config.host}; stop the other process or choose another port`,
      );
    case 'EACCES':
      return new ConfigError(
        'PORT',
        `${config.port} needs privileges this process does not have; choose a port above 1023`,
      );
    default:
      return error;
  }
}
