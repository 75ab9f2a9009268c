import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresAdminQuery } from '../admin-query.ts';
import type { DialectName } from '../database-url.ts';

export interface TestDatabase {
  dialect: DialectName;
  /** A DATABASE_URL for this database (SQLite file path or postgres:// URL). */
  url: string;
  drop(): Promise<void>;
}

/**
 * The dialects every database test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Under CI a missing PostgreSQL is an error, never a silent skip.
 */
export function testDialects(): DialectName[] {
  if (process.env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests cannot run.');
  return ['sqlite'];
}

/** A fresh, empty database of its own for one test file or test (so parallel workers never share). */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `ss_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-test-'));
    return {
      dialect,
      url: path.join(dir, `${name}.db`),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  await postgresAdminQuery(adminUrl, statement);
}
