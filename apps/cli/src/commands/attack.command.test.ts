import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const MINI = path.join(PROJECT_ROOT, 'packages/core/src/attack/fixtures/enterprise-attack.mini.json');

function cli(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each CLI run starts a process (tsx, migrate): slow on a busy machine, hence the long timeout.
describe.each(testDialects())('steppingstones attack on %s', { timeout: 240_000 }, (dialect) => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let tmp: string;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-attack-'));
    env = { DATA_DIR: tmp, DATABASE_URL: testDb.url };
  });
  afterAll(async () => {
    await testDb?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the vendored release on a fresh database', () => {
    const info = cli(env, 'attack', 'info');
    expect(info.stderr).toBe('');
    expect(info.stdout).toContain('18.1');
    expect(info.stdout).toContain('The MITRE Corporation');
  });

  it('imports a STIX bundle and prints what was added, updated and deprecated', () => {
    const dry = cli(env, 'attack', 'import', MINI, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'STIX bundle, Enterprise ATT&CK 19.0: 2 tactics, 4 techniques, 2 sub-techniques',
    );
    expect(cli(env, 'attack', 'info').stdout).toContain('18.1');

    const run = cli(env, 'attack', 'import', MINI);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/techniques\s+2 added, \d+ updated, \d+ unchanged, 687 deprecated/);
    expect(cli(env, 'attack', 'info').stdout).toContain('19.0');
  });

  it('rejects a bad file with the path of the bad object and changes nothing', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        type: 'bundle',
        objects: [{ type: 'attack-pattern', id: 'attack-pattern--x', name: 'X' }],
      }),
    );
    const run = cli(env, 'attack', 'import', bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: objects[0] (attack-pattern--x): external_references');
    const notJson = path.join(tmp, 'x.json');
    fs.writeFileSync(notJson, '{nope');
    expect(cli(env, 'attack', 'import', notJson).stderr).toContain('is not valid JSON');
    expect(cli(env, 'attack', 'info').stdout).toContain('19.0');
  });
});
