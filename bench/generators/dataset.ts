import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inTransaction } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { hashPassword, insertUser } from '@steppingstones/core/users';
import {
  createDb,
  type Database,
  type DialectName,
  migrateToLatest,
  writeTransaction,
} from '@steppingstones/db';
import { sql } from 'kysely';
import {
  adminQuery,
  dropPostgresDatabase,
  postgresDatabaseExists,
  postgresUrlFor,
  renamePostgresDatabase,
} from '../lib/databases.ts';
import { benchServices } from '../lib/services.ts';
import { CACHE_DIR, datasetKey, schemaVersion } from './cache-key.ts';
import type { DatasetInfo } from './dataset-info.ts';
import { datasetSpec } from './events.ts';
import { loadEvents } from './load-events.ts';

export const DEFAULT_SEED = 20261123;
const PASSWORD = 'bench-Password-2026';

/** Where a run finds its dataset: a SQLite file to copy, or a PostgreSQL template database. */
export interface CachedDataset {
  info: DatasetInfo;
  sqliteFile?: string;
  postgresTemplate?: string;
}

/**
 * This cache's own id, kept in bench/.cache: templates are named after it, so a fresh clone (or another
 * checkout, or another role) never meets a template on the server that it did not build and may not own.
 */
function cacheId(): string {
  const file = path.join(CACHE_DIR, 'instance-id');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(4).toString('hex'));
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function templatePrefix(): string {
  return `ss_bench_tpl_${cacheId()}_`;
}

function templateName(count: number, version: string): string {
  return `${templatePrefix()}${version}_n${count}`;
}

/** Builds the dataset into an empty database: migrations, users, engagements, then the events. */
async function buildInto(
  database: Database,
  key: string,
  seed: number,
  count: number,
  log: (line: string) => void,
): Promise<DatasetInfo> {
  const started = performance.now();
  await migrateToLatest(database);
  const { spec } = datasetSpec(seed, count);
  const engagementIds: number[] = [];
  for (const e of spec.engagements) {
    const created = await createEngagement(benchServices(database), {
      code: e.code,
      name: e.name,
      start_date: e.startDate,
      end_date: e.endDate,
    });
    engagementIds.push(created.id);
  }
  // One password hash for every operator: scrypt is deliberately slow, and they share the password.
  const hash = await hashPassword(PASSWORD);
  const operatorUserIds = await writeTransaction(database.db, async (tx) => {
    const ids: number[] = [];
    for (const username of spec.operators) {
      const user = await insertUser(
        inTransaction(benchServices(database), tx),
        {
          username,
          password: PASSWORD,
          display_name: username,
          memberships: spec.engagements.map((e) => ({ engagement: e.code, role: 'operator' })),
        },
        hash,
      );
      ids.push(Number(user.id));
    }
    return ids;
  });
  const { mainCount } = await loadEvents(database, spec, { engagementIds, operatorUserIds }, log);
  await sql`analyze`.execute(database.db);
  return {
    key,
    seed,
    count,
    mainCount,
    engagementId: engagementIds[0]!,
    engagementCode: spec.engagements[0]!.code,
    otherEngagementId: engagementIds[1]!,
    username: spec.operators[0]!,
    password: PASSWORD,
    operatorUserIds,
    terms: spec.terms,
    filter: spec.filter,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function removeStaleSqlite(seed: number, count: number, keep: string): void {
  if (!fs.existsSync(CACHE_DIR)) return;
  const prefix = `events-s${seed}-n${count}-`;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith(prefix) && !name.startsWith(keep))
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
  }
}

async function removeStalePostgres(count: number, keep: string): Promise<void> {
  // Only this cache's own older templates (same size, another schema version).
  const rows = await adminQuery<{ datname: string }>(
    'select datname from pg_database where starts_with(datname, $1) and datname like $2',
    [templatePrefix(), `%_n${count}`],
  );
  for (const { datname } of rows) if (datname !== keep) await dropPostgresDatabase(datname);
}

/**
 * The dataset of `count` events for `seed`, built once and cached (keyed by seed, size and schema
 * version): a SQLite file under bench/.cache/, or a PostgreSQL template database beside its info file.
 */
export async function ensureDataset(
  dialect: DialectName,
  count: number,
  seed = DEFAULT_SEED,
  log: (line: string) => void = () => {},
): Promise<CachedDataset> {
  const version = schemaVersion();
  const key = datasetKey(seed, count, version);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const infoFile = path.join(CACHE_DIR, `${key}.${dialect}.json`);

  if (dialect === 'sqlite') {
    const file = path.join(CACHE_DIR, `${key}.sqlite`);
    if (fs.existsSync(file) && fs.existsSync(infoFile))
      return { info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo, sqliteFile: file };
    removeStaleSqlite(seed, count, key);
    log(`building SQLite dataset ${key} (${count.toLocaleString('en-US')} events)…`);
    const building = `${file}.building`;
    for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
    const database = createDb({ target: { dialect, location: building } });
    let info: DatasetInfo;
    try {
      info = await buildInto(database, key, seed, count, log);
      database.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await database.close();
    }
    fs.renameSync(building, file);
    fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
    log(`built in ${info.buildSeconds} s`);
    return { info, sqliteFile: file };
  }

  const template = templateName(count, version);
  if (fs.existsSync(infoFile) && (await postgresDatabaseExists(template)))
    return { info: JSON.parse(fs.readFileSync(infoFile, 'utf8')) as DatasetInfo, postgresTemplate: template };
  await removeStalePostgres(count, template);
  // A template of this cache without its info file (an interrupted build) cannot be trusted: rebuild it.
  await dropPostgresDatabase(template);
  log(`building PostgreSQL dataset ${key} (${count.toLocaleString('en-US')} events)…`);
  const building = `${template}_b`;
  await dropPostgresDatabase(building);
  await adminQuery(`create database "${building}"`);
  const database = createDb({ target: { dialect, location: postgresUrlFor(building) }, poolSize: 2 });
  let info: DatasetInfo;
  try {
    info = await buildInto(database, key, seed, count, log);
    await sql`vacuum analyze`.execute(database.db);
  } catch (error) {
    await database.close();
    await dropPostgresDatabase(building);
    throw error;
  }
  await database.close();
  await renamePostgresDatabase(building, template);
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(`built in ${info.buildSeconds} s`);
  return { info, postgresTemplate: template };
}
