import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION } from './events.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = path.join(REPO_ROOT, 'bench/.cache');

/**
 * The schema version of a cached dataset: the list of migrations (released migrations are never edited,
 * so a new schema always means a new migration name) and the generator version (bumped whenever the
 * generators or the loader change what they write). Hashing migration bodies instead would rebuild a
 * million events on every edit of a migration in progress.
 */
export function schemaVersion(): string {
  const dir = path.join(REPO_ROOT, 'packages/db/src/migrations');
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ migrations, generator: GENERATOR_VERSION }))
    .digest('hex')
    .slice(0, 12);
}

/** The cache key of a dataset: seed, size and schema version. */
export function datasetKey(seed: number, count: number, version = schemaVersion()): string {
  return `events-s${seed}-n${count}-${version}`;
}
