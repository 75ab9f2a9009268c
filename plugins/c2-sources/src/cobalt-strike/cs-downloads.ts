import type { C2DownloadRecord, C2ParseResult } from '@steppingstones/plugin-sdk';
import { entryTime, type LogDay, stripColourCodes } from './cs-text.ts';

/**
 * `downloads.log`: tab-separated `MM/DD HH:MM:SS <tz>`, host, bid, size, path on the team server,
 * name, remote path; one download a line.
 */
export function parseDownloadsLog(file: string, day: LogDay, text: string): C2ParseResult {
  const result: C2ParseResult = { records: [], rejected: [] };
  const lines = stripColourCodes(text.replace(/\r\n?/g, '\n')).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const f = line.split('\t');
    const at = entryTime(day, f[0] ?? '');
    const size = Number(f[3]);
    if (f.length < 7 || at === null || !/^\d+$/.test(f[2] ?? '') || !Number.isSafeInteger(size)) {
      result.rejected.push({
        entry: `${file}:${i + 1}`,
        reason: 'expected date, host, beacon id, size, path, name and remote path separated by tabs',
      });
      continue;
    }
    const record: C2DownloadRecord = {
      type: 'download',
      sessionExternalId: f[2] as string,
      at,
      size,
      path: f[4] as string,
      name: f[5] as string,
      remotePath: f.slice(6).join('\t'),
    };
    result.records.push(record);
  }
  if (result.records.length === 0 && result.rejected.length === 0)
    result.rejected.push({ entry: file, reason: 'the log is empty' });
  return result;
}
