import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const FIXTURES = path.join(PROJECT_ROOT, 'packages/core/src/plugins/testing/fixture-plugins');
const FAULTY = path.join(FIXTURES, 'faulty.ts');
const INVALID = path.join(FIXTURES, 'invalid.ts');

interface PluginJson {
  id: string;
  version: string;
  state: string;
  enabled: boolean;
  last_error: string | null;
  points: Array<{ type: string; key: string; enabled: boolean; status: string }>;
}

// The plugins commands as an admin types them: sync prints what it recorded, list --json is for
// scripts, enable/disable take ID or ID:KEY, add/remove edit the list, and nothing is ever deleted.
describe.each(testDialects())('the plugins commands on %s', { timeout: 240_000 }, (dialect) => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let listFile: string;
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'plugins', ...args], {
      env: { ...process.env, LOG_LEVEL: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const listJson = () => {
    const r = cli('list', '--json');
    expect(r.code).toBe(0);
    return Object.fromEntries((JSON.parse(r.stdout) as PluginJson[]).map((p) => [p.id, p]));
  };
  const listed = () => (JSON.parse(fs.readFileSync(listFile, 'utf8')) as { plugins: string[] }).plugins;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-cli-plugins-'));
    listFile = path.join(dataDir, 'steppingstones.plugins.json');
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [FAULTY, INVALID] }));
    env = { DATA_DIR: dataDir, DATABASE_URL: testDb.url, STEPPINGSTONES_PLUGINS_FILE: listFile };
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });

  it('sync prints one line per plugin and point with id, version and status', () => {
    const sync = cli('sync');
    expect(sync.code).toBe(2); // a listed plugin failed to load
    const lines = sync.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('plugin test-faults 1.2.3 ok');
    expect(lines).toContain('  event-report test-faults:notes 1.2.3 ok');
    expect(lines).toContain('  background-task test-faults:echo 1.2.3 ok');
    expect(lines.at(-1)).toMatch(
      /^plugin test-invalid 0\.0\.1 failed: invalid definition: .*unknown permission code "report\.fly"/,
    );
    const records = listJson();
    expect(records['test-faults']?.state).toBe('ok');
    expect(records['test-faults']?.points.every((p) => p.enabled && p.status === 'ok')).toBe(true);
    expect(records['test-invalid']?.state).toBe('failed');
  });

  it('enables and disables a plugin or one point, and names what it cannot find', () => {
    expect(cli('disable', 'test-faults:notes').stdout).toBe(
      'Disabled test-faults:notes (plugin test-faults is ok).\n',
    );
    expect(cli('disable', 'test-faults').stdout).toBe(
      'Disabled test-faults (plugin test-faults is disabled).\n',
    );
    let records = listJson();
    expect(records['test-faults']).toMatchObject({ state: 'disabled', enabled: false });
    expect(records['test-faults']?.points.find((p) => p.key === 'notes')?.enabled).toBe(false);
    expect(cli('list').stdout).toContain('  event-report test-faults:notes ok (disabled)');

    cli('enable', 'test-faults');
    cli('enable', 'test-faults:notes');
    records = listJson();
    expect(records['test-faults']).toMatchObject({ state: 'ok', enabled: true });
    expect(records['test-faults']?.points.every((p) => p.enabled)).toBe(true);

    const unknown = cli('disable', 'no-such-plugin:x');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/^error: .*no-such-plugin/);
    expect(unknown.stderr).not.toContain('    at ');
  });

  it('remove and add edit the list; a removed plugin is marked missing at sync, never deleted', () => {
    expect(cli('remove', INVALID).stdout).toContain(`Removed ${INVALID}.`);
    expect(listed()).toEqual([FAULTY]);
    const notListed = cli('remove', INVALID);
    expect([notListed.code, notListed.stdout]).toEqual([1, `${INVALID} is not listed.\n`]);

    const sync = cli('sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^plugin test-invalid 0\.0\.1 missing/m);
    expect(listJson()['test-invalid']?.state).toBe('missing');

    expect(cli('add', INVALID).stdout).toContain(`Added ${INVALID} to ${listFile}.`);
    expect(cli('add', INVALID).stdout).toBe(`${INVALID} is already listed.\n`);
    expect(listed()).toEqual([FAULTY, INVALID]);
    cli('sync');
    expect(listJson()['test-invalid']?.state).toBe('failed');
  });
});
