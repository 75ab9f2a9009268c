import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const NT = '8846f7eaee8fb117ad06bdd830b7586c';

describe.each(testDialects())(
  'steppingstones import creds / cracked on %s',
  { timeout: 180_000 },
  (dialect) => {
    let ctx: TestContext;
    const cli = (args: string[], input = '') => {
      const r = spawnSync(process.execPath, [BIN, 'import', ...args], {
        env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
        input,
        encoding: 'utf8',
        timeout: 90_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const file = (name: string, text: string) => {
      const p = path.join(ctx.env.DATA_DIR as string, name);
      fs.writeFileSync(p, text);
      return p;
    };

    beforeEach(async () => {
      ctx = await createTestContext(dialect);
      await createEngagement(ctx.services(), {
        code: 'CLI',
        name: 'CLI',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      });
    });
    afterEach(() => ctx.dispose());

    it('imports a dump as cli, prints one JSON line, exits 1 for a rejected line; re-import adds nothing', async () => {
      const dump = file(
        'ntds.txt',
        `[*] banner\r\nCORP\\bob:1104:${LM0}:${NT}:::\r\nCORP\\bob_history0:1104:${LM0}:${'1'.repeat(32)}:::\r\nnonsense\r\n`,
      );
      const out = cli(['creds', dump, '--type', 'secretsdump', '--engagement', 'CLI', '--json']);
      expect(out.code).toBe(1);
      expect(out.stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(out.stdout)).toEqual({
        new_hashes: 1,
        new_secrets: 0,
        history_hashes: 1,
        duplicates: 0,
        rejected: [{ line: 4, reason: expect.any(String) }],
      });
      const rows = await ctx.database.db
        .selectFrom('credential')
        .select(['account', 'created_by_name'])
        .execute();
      expect(rows).toEqual([
        { account: 'bob', created_by_name: 'cli' },
        { account: 'bob', created_by_name: 'cli' },
      ]);
      const again = cli(['creds', dump, '--type', 'secretsdump', '--engagement', 'CLI', '--json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ new_hashes: 0, history_hashes: 0, duplicates: 2 });
    });

    it('matches cracks from standard input (exit 0), and exits 2 when nothing could be imported', async () => {
      cli([
        'creds',
        file('u.txt', `bob:${NT}\n`),
        '--type',
        'user-hash',
        '--hash-type',
        '1000',
        '--engagement',
        'CLI',
      ]);
      const cracked = cli(
        ['cracked', '-', '--engagement', 'CLI', '--json'],
        `${NT.toUpperCase()}:Password1\n`,
      );
      expect(cracked.code).toBe(0);
      expect(JSON.parse(cracked.stdout)).toEqual({
        cracked_hashes: 1,
        accounts: 1,
        unmatched: 0,
        rejected: [],
      });
      const junk = cli([
        'creds',
        file('junk.txt', 'no colon at all\n'),
        '--type',
        'user-hash',
        '--engagement',
        'CLI',
        '--json',
      ]);
      expect(junk.code).toBe(2);
      const unknown = cli(['creds', file('x.txt', 'a:b\n'), '--type', 'user-secret', '--engagement', 'NOPE']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/engagement/i);
    });
  },
);
