import { createHash } from 'node:crypto';
import type { C2ActionRecord, C2DownloadRecord } from './c2-records.ts';

const hash = (parts: Array<string | number>) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** An action is the same one again when its session, start, input and order among equals match. */
export const actionKey = (a: C2ActionRecord) => hash([a.start, a.ordinal, a.input]);

export const downloadKey = (d: C2DownloadRecord) => hash([d.at, d.size, d.path, d.name, d.remotePath]);

/** Chunks for `in (…)` lists, under SQLite's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
