import fs from 'node:fs';
import path from 'node:path';
import { createEngagement } from '@steppingstones/core/engagements';
import type { Database } from '@steppingstones/db';
import { writeTransaction } from '@steppingstones/db';
import { sql } from 'kysely';
import { deriveSecretFields } from '../../packages/core/src/credential-analytics/derive.ts';
import {
  INSERT_COLUMNS,
  insertCredentialRows,
} from '../../packages/core/src/credentials/credential-insert.ts';
import { benchServices } from './services.ts';
import type { BenchEnv } from './types.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';

/** A distinct, deterministic NT hash per index (32 hex). */
export const ntOf = (i: number) =>
  (i * 2654435761 + 0x9e3779b9).toString(16).padStart(8, '0').slice(-8).repeat(4);
export const accountOf = (i: number) => (i % 10 === 0 ? `svc_app${i}` : `user${i}`);

export async function benchEngagement(db: Database['db'], code: string): Promise<number> {
  return (
    await createEngagement(benchServices({ db }), {
      code,
      name: code,
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    })
  ).id;
}

/** Writes an NTDS secretsdump file of `n` account lines (plus its banner), streaming, and returns its path. */
export async function writeNtds(dir: string, n: number): Promise<string> {
  const file = path.join(dir, `ntds-${n}.txt`);
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  await write(
    '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)\n[*] Using the DRSUAPI method to get NTDS.DIT secrets\n',
  );
  for (let i = 0; i < n; i++) await write(`CORP\\${accountOf(i)}:${1000 + i}:${LM0}:${ntOf(i)}:::\n`);
  await new Promise<void>((r) => out.end(r));
  return file;
}

/** Writes a potfile cracking every hash of writeNtds(n) and returns its path. */
export async function writePotfile(dir: string, n: number): Promise<string> {
  const file = path.join(dir, `potfile-${n}.txt`);
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r));
  for (let i = 0; i < n; i++) await write(`${ntOf(i)}:Password${i}!\n`);
  await new Promise<void>((r) => out.end(r));
  return file;
}

/** The row an NTDS line `i` becomes, in INSERT_COLUMNS order (what the vault writes for it). */
export function ntRow(engagementId: number, i: number, importId: number | null = null): unknown[] {
  const account = accountOf(i);
  const hash = ntOf(i);
  const row: Record<(typeof INSERT_COLUMNS)[number], unknown> = {
    engagement_id: engagementId,
    source: 'Impacket secretsdump.py',
    source_time: null,
    system: 'CORP',
    account,
    secret: null,
    hash,
    hash_type: 1000,
    purpose: 'Windows Login',
    enabled: 1,
    created_by: null,
    created_by_name: 'bench',
    created_at: Date.now(),
    event_id: null,
    import_id: importId,
    c2_action_id: null,
    position: null,
    system_key: 'corp',
    account_key: account.toLowerCase(),
    hash_key: hash,
    type_key: 1000,
    complexity: null,
    char_mask: null,
    char_mask_effort: null,
    structure: null,
  };
  return INSERT_COLUMNS.map((c) => row[c]);
}

/**
 * The baseline of the NTDS import: the same rows inserted by one prepared single-row statement in one
 * transaction (SQLite), or by the vault's own multi-row prepared statement without any parsing or
 * checks (PostgreSQL, where single-row round trips would make the baseline meaninglessly slow).
 */
export async function bareInsert(database: Database, engagementId: number, n: number): Promise<number> {
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const stmt = sqlite.prepare(
      `insert into credential (${INSERT_COLUMNS.join(',')}) values (${INSERT_COLUMNS.map(() => '?').join(',')})`,
    );
    sqlite
      .transaction(() => {
        for (let i = 0; i < n; i++) stmt.run(ntRow(engagementId, i));
      })
      .immediate();
    return n;
  }
  return writeTransaction(database.db, async (tx) => {
    let done = 0;
    for (let i = 0; i < n; i += 1000) {
      const params: unknown[] = [];
      for (let j = i; j < Math.min(n, i + 1000); j++) params.push(...ntRow(engagementId, j));
      done += await insertCredentialRows(tx, params);
    }
    return done;
  });
}

const SECRET_COLUMN = INSERT_COLUMNS.indexOf('secret');
const DERIVED = ['complexity', 'char_mask', 'char_mask_effort', 'structure'] as const;

/** Two accounts in five cracked, with passwords shared across accounts as in a real domain. */
const crackedSecretOf = (i: number) =>
  i % 5 < 2 ? `${['Summer', 'Winter', 'Welcome', 'Password'][i % 4]}${i % 997}!` : null;

/**
 * An engagement `code` holding `n` NTDS accounts, about 40% cracked, written straight to the vault in
 * batches of 50,000 with the secrets' derived fields (as every write path of the vault stores them),
 * then analysed. Answers the engagement's id.
 */
export async function seedCrackedVault(env: BenchEnv, code: string): Promise<number> {
  const engagementId = await benchEngagement(env.database.db, code);
  for (let start = 0; start < env.size; start += 50_000)
    await writeTransaction(env.database.db, async (tx) => {
      const params: unknown[] = [];
      for (let i = start; i < Math.min(env.size, start + 50_000); i++) {
        const row = ntRow(engagementId, i);
        const secret = crackedSecretOf(i);
        row[SECRET_COLUMN] = secret;
        const derived = deriveSecretFields(secret);
        for (const column of DERIVED) row[INSERT_COLUMNS.indexOf(column)] = derived[column];
        params.push(...row);
      }
      await insertCredentialRows(tx, params);
    });
  if (env.database.sqlite) env.database.sqlite.exec('analyze');
  else await sql`analyze credential`.execute(env.database.db);
  return engagementId;
}
