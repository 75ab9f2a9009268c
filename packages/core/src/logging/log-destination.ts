import type { DestinationStream } from 'pino';
import pino from 'pino';
import pretty from 'pino-pretty';

/** LOG_FORMAT: `auto` writes readable lines to a terminal and JSON lines to anything else (files, journald). */
export type LogFormatSetting = 'auto' | 'pretty' | 'json';

export function resolveLogFormat(setting: LogFormatSetting, output: { isTTY?: boolean }): 'pretty' | 'json' {
  if (setting !== 'auto') return setting;
  return output.isTTY ? 'pretty' : 'json';
}

/**
 * Where a process's log lines go: file descriptor 1 or 2, as JSON lines or as coloured one-line text.
 * Both are synchronous so the last lines before a crash or `process.exit` are not lost.
 */
export function logDestination(format: 'pretty' | 'json', fd: 1 | 2 | string): DestinationStream {
  if (format === 'json') return pino.destination({ dest: fd, sync: true });
  return pretty({
    destination: fd,
    sync: true,
    colorize: typeof fd === 'number' && Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
}
