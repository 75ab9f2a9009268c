import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { uploadsDir } from './spool-upload.ts';

const DAY = 86_400_000;
/** An upload's name as queued imports store it (a UUID: never a path). */
const UPLOAD_NAME = /^[A-Za-z0-9-]{1,64}$/;

/** The upload a job's payload names (queued credential and EventStream imports), if any. */
export function jobUpload(payload: unknown): string | undefined {
  const upload = (payload as { upload?: unknown } | null)?.upload;
  return typeof upload === 'string' && UPLOAD_NAME.test(upload) ? upload : undefined;
}

/**
 * Deletes the spooled upload of a cancelled job: nothing will import it any more, and it holds hashes
 * and passwords. A running import still reading it keeps its open file until it stops.
 */
export function removeJobUpload(dataDir: string, payload: unknown): boolean {
  const upload = jobUpload(payload);
  if (!upload) return false;
  const file = path.join(uploadsDir(dataDir), upload);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file, { force: true });
  return true;
}

/**
 * Deletes uploads older than `maxAgeMs` that no queued or running job will read: what a crashed
 * server, a killed worker or a cancel before this cleanup existed left behind. Run at worker start.
 */
export async function sweepOrphanUploads(
  db: Kysely<DB>,
  dataDir: string,
  now: number,
  maxAgeMs = DAY,
): Promise<string[]> {
  const dir = uploadsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const old = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && fs.statSync(path.join(dir, e.name)).mtimeMs < now - maxAgeMs)
    .map((e) => e.name);
  if (old.length === 0) return [];
  const active = await db
    .selectFrom('job')
    .select('payload')
    .where('status', 'in', ['queued', 'running'])
    .execute();
  const wanted = new Set(active.map((j) => jobUpload(parsePayload(j.payload))).filter(Boolean));
  const removed = old.filter((name) => !wanted.has(name));
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

function parsePayload(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}
