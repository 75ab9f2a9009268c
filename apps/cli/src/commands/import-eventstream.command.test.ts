import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const EXAMPLE = path.join(PROJECT_ROOT, 'packages/core/src/eventstream/eventstream-example.jsonl');

describe.each(testDialects())('steppingstones import eventstream on %s', { timeout: 240_000 }, (dialect) => {
  let ctx: TestContext;
  let dir: string;
  const cli = (args: string[], input = '') => {
    const r = spawnSync(process.execPath, [BIN, 'import', 'eventstream', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      input,
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-cli-'));
    await createEngagement(ctx.services(), {
      code: 'ESCLI',
      name: 'CLI',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
  });
  afterAll(async () => {
    await ctx.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file as the cli user; --json is the only line of standard output; exit 0, then nothing new', async () => {
    const first = cli([EXAMPLE, '--engagement', 'ESCLI', '--json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('{"added":2,"duplicates":0,"rejected":[]}\n');
    const rows = await ctx.database.db.selectFrom('eventstream_line').select('imported_by_name').execute();
    expect(rows.map((r) => r.imported_by_name)).toEqual(['cli', 'cli']);
    expect(cli([EXAMPLE, '--engagement', 'ESCLI', '--json']).stdout).toBe(
      '{"added":0,"duplicates":2,"rejected":[]}\n',
    );
  });

  it('reads standard input; exit 1 when some lines are rejected, 2 when nothing could be imported', async () => {
    const mixed = cli(
      ['--engagement', 'ESCLI', '--json'],
      '{"ts":"2026-02-01T10:00:00","d":"stdin"}\nnot json\n',
    );
    expect(mixed.code).toBe(1);
    expect(JSON.parse(mixed.stdout)).toEqual({
      added: 1,
      duplicates: 0,
      rejected: [{ line: 2, reason: expect.stringMatching(/not valid JSON/) }],
    });
    const bad = cli(['--engagement', 'ESCLI', '--json'], 'nope\n{"ts":"2026-02-30T10:00:00","d":"x"}\n');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).rejected.map((r: { line: number }) => r.line)).toEqual([1, 2]);
    const unknown = cli(['--engagement', 'NOPE'], '{"ts":"2026-02-01T10:00:00","d":"x"}\n');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/NOPE/);
  });

  it('runs a source plugin with --source and repeatable --param', () => {
    const history = path.join(dir, '.zsh_history');
    fs.writeFileSync(history, ': 1700000000:0;nmap -sV 10.0.0.1\n');
    const r = cli([
      history,
      '--engagement',
      'ESCLI',
      '--source',
      'eventstream-sources:bash-history',
      '--param',
      'host=kali',
      '--param',
      'user=root',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"added":1,"duplicates":0,"rejected":[]}\n');
  });
});
