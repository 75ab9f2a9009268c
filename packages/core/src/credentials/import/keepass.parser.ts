import { parse } from 'csv-parse/sync';
import type { VaultFinding } from '../credential-ingest.service.ts';
import type { DumpOptions } from './dump-line.ts';
import { finding, splitAccount } from './dump-line.ts';

export interface KeepassResult {
  findings: Array<{ line: number; finding: VaultFinding }>;
  rejected: Array<{ line: number; reason: string }>;
}

const SAMPLES = new Set(['sample entry', 'sample entry #2']);

/**
 * KeePass CSV exports: 1.x (`Account, Login Name, Password, Web Site, Comments`, backslash escapes)
 * and 2.x (`Group, Title, Username, Password, URL, Notes, …`). Every row counts (notes may span
 * lines; a row's number is the line it starts on). KeePass's own sample entries are skipped.
 */
export function parseKeepass(text: string, options: DumpOptions): KeepassResult {
  const body = text.replace(/^\uFEFF/, '');
  const header = (body.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  const v1 = header.includes('login name');
  const out: KeepassResult = { findings: [], rejected: [] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(body, {
      relax_column_count: true,
      skip_empty_lines: true,
      escape: v1 ? '\\' : '"',
      info: true,
      bom: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    out.rejected.push({ line, reason: `is not valid KeePass CSV (${(error as Error).message})` });
    return out;
  }
  const head = records[0]?.record.map((h) => h.trim().toLowerCase()) ?? [];
  const col = (...names: string[]) => head.findIndex((h) => names.includes(h));
  const title = col('account', 'title');
  const login = col('login name', 'username', 'user name');
  const password = col('password');
  const url = col('web site', 'url');
  const notes = col('comments', 'notes');
  if (password < 0 || login < 0) {
    out.rejected.push({
      line: 1,
      reason: 'is not a KeePass CSV header (needs Login Name/Username and Password columns)',
    });
    return out;
  }
  let startLine = 2;
  for (const { record, info } of records.slice(1)) {
    const line = startLine;
    startLine = info.lines + 1;
    const get = (i: number) => (i >= 0 ? (record[i] ?? '') : '');
    const name = get(title).trim();
    if (SAMPLES.has(name.toLowerCase())) continue;
    const secret = get(password);
    const loginName = get(login).trim();
    if (!loginName && !secret) {
      out.rejected.push({ line, reason: 'has neither a login name nor a password' });
      continue;
    }
    const { system, account } = splitAccount(loginName, options.system);
    const purpose = [name, get(notes).trim(), get(url).trim()].filter(Boolean).join(' : ').slice(0, 200);
    out.findings.push({
      line,
      finding: finding({
        system: system.slice(0, 200),
        account: account.slice(0, 200),
        secret: secret.slice(0, 1000),
        purpose,
        source: `KeePass import (${options.filename || 'upload'})`.slice(0, 200),
      }),
    });
  }
  return out;
}
