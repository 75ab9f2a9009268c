import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = path.join(REPO_ROOT, 'bench/.cache');

/**
 * Everything a cached dataset depends on: the migrations (and the search structures they create), the
 * seeding code, and the generators. Any edit to them gives a new key, so a stale cache is never used.
 */
const INPUT_DIRS = ['packages/db/src/migrations', 'packages/db/src/fulltext', 'bench/generators'];
const INPUT_FILES = ['packages/core/src/events/testing/seed-events.ts'];

export function schemaVersion(): string {
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  for (const dir of INPUT_DIRS) {
    const abs = path.join(REPO_ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path.join(dir, name));
    }
  }
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(REPO_ROOT, file))) files.push(file);
  for (const file of files) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(REPO_ROOT, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The cache key of a dataset: seed, size and schema version. */
export function datasetKey(seed: number, count: number, version = schemaVersion()): string {
  return `events-s${seed}-n${count}-${version}`;
}
