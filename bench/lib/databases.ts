import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DialectName, postgresAdminQuery } from '@steppingstones/db';

/** A database of one benchmark run: created from a cached dataset (or empty), dropped afterwards. */
export interface RunDatabase {
  dialect: DialectName;
  url: string;
  drop(): Promise<void>;
}

export function benchAdminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL is not set: the PostgreSQL benchmarks need an admin URL.');
  return url;
}

export function adminQuery<R extends Record<string, unknown> = Record<string, unknown>>(
  statement: string,
  params: unknown[] = [],
): Promise<R[]> {
  return postgresAdminQuery<R>(benchAdminUrl(), statement, params);
}

/** The URL of another database on the same PostgreSQL server as the admin URL. */
export function postgresUrlFor(database: string): string {
  const url = new URL(benchAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function postgresDatabaseExists(name: string): Promise<boolean> {
  const rows = await adminQuery('select 1 from pg_database where datname = $1', [name]);
  return rows.length > 0;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A fresh database for one run: on SQLite a copy of the cached file (or a new file), on PostgreSQL a
 * `CREATE DATABASE … TEMPLATE` of the cached dataset (a file-level copy, seconds even at 1M events).
 */
export async function createRunDatabase(
  dialect: DialectName,
  tmpDir: string,
  from?: { sqliteFile?: string; postgresTemplate?: string },
): Promise<RunDatabase> {
  if (dialect === 'sqlite') {
    const file = path.join(tmpDir, 'bench.db');
    if (from?.sqliteFile) fs.copyFileSync(from.sqliteFile, file);
    return { dialect, url: file, drop: async () => fs.rmSync(file, { force: true }) };
  }
  const name = `ss_bench_run_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const template = from?.postgresTemplate ? ` template ${quoteIdent(from.postgresTemplate)}` : '';
  await adminQuery(`create database ${quoteIdent(name)}${template}`);
  return {
    dialect,
    url: postgresUrlFor(name),
    drop: () => adminQuery(`drop database if exists ${quoteIdent(name)} with (force)`).then(() => undefined),
  };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`drop database if exists ${quoteIdent(name)} with (force)`);
}

export async function renamePostgresDatabase(from: string, to: string): Promise<void> {
  await adminQuery(`alter database ${quoteIdent(from)} rename to ${quoteIdent(to)}`);
}
