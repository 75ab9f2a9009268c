import type { C2ParseResult } from '@steppingstones/plugin-sdk';
import { parseBeaconLog } from './cs-beacon-log.ts';
import { parseDownloadsLog } from './cs-downloads.ts';
import { dayFromPath } from './cs-text.ts';

/** Whether a path in the team server's `logs/` is one this adapter reads (others are skipped). */
export function isCobaltStrikeLog(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  return /^(beacon|ssh)_\d+\.log$/.test(name) || name === 'downloads.log';
}

/**
 * Parses one file of a Cobalt Strike team server's `logs/` (pure: text in, records out). The day comes
 * from the `YYMMDD` folder; a file outside one is rejected, as is an empty or unreadable log.
 */
export function parseCobaltStrikeFile(path: string, text: string): C2ParseResult {
  const name = path.split(/[\\/]/).pop() ?? '';
  const day = dayFromPath(path);
  if (!day)
    return {
      records: [],
      rejected: [
        { entry: path, reason: 'not inside a YYMMDD day folder (logs/261231/…), so its date is unknown' },
      ],
    };
  if (name === 'downloads.log') return parseDownloadsLog(path, day, text);
  const m = /^(beacon|ssh)_(\d+)\.log$/.exec(name);
  if (!m)
    return {
      records: [],
      rejected: [{ entry: path, reason: 'not a beacon_*.log, ssh_*.log or downloads.log' }],
    };
  return parseBeaconLog(path, m[2] as string, m[1] === 'ssh' ? 'ssh' : 'beacon', day, text);
}
