import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { definePlugin } from '@steppingstones/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { listPluginRecords } from './plugin-admin.queries.ts';
import { setPluginEnabled, setPointEnabled } from './plugin-admin.service.ts';
import { pluginDefinitionSchema } from './plugin-definition.schema.ts';
import { loadPluginRegistry, registryOf } from './plugin-registry.ts';
import { PluginState } from './plugin-state.ts';
import { formatSyncLine, syncPlugins } from './plugin-sync.service.ts';

const FIXTURES = path.join(import.meta.dirname, 'testing', 'fixture-plugins');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-registry-'));
function listFile(name: string, plugins: string[]): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ plugins }));
  return file;
}
const faulty = path.join(FIXTURES, 'faulty.ts');
const invalid = path.join(FIXTURES, 'invalid.ts');

describe('loading plugins', () => {
  it('loads listed plugins in order and records each failure with its error', async () => {
    const registry = await loadPluginRegistry({
      listFile: listFile('mixed', [faulty, invalid, '@steppingstones/plugin-absent', faulty]),
    });
    expect(registry.plugins.map((p) => p.definition.id)).toEqual(['test-faults']);
    expect(registry.failures.map((f) => [f.pluginId ?? f.package, f.error.split(':')[0]])).toEqual([
      ['test-invalid', 'invalid definition'],
      ['@steppingstones/plugin-absent', 'could not be imported'],
      [faulty, 'duplicate plugin id "test-faults" (already provided by an earlier package)'],
    ]);
    expect(registry.failures[0]?.error).toContain(
      'eventReports.0.requires: unknown permission code "report.fly"',
    );
  });

  it('runs without plugins, and says why, when the list itself is unreadable', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{"plugins": [');
    const registry = await loadPluginRegistry({ listFile: file });
    expect(registry.plugins).toEqual([]);
    expect(registry.listError).toContain('is not valid JSON');
    fs.writeFileSync(file, JSON.stringify({ plugins: [42] }));
    expect((await loadPluginRegistry({ listFile: file })).listError).toContain('plugins.0');
  });

  it('rejects incompatible SDK versions, duplicate keys, reserved parameter names and bad ids', () => {
    const base = definePlugin({ id: 'ok-id', name: 'x', version: '1.0.0' });
    const problems = (value: unknown) => {
      const r = pluginDefinitionSchema.safeParse(value);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, sdkVersion: '2.0.0' })).toEqual([
      expect.stringContaining("sdkVersion: is not compatible with this host's plugin SDK"),
    ]);
    expect(problems({ ...base, id: 'Not_Kebab' })[0]).toContain('id: must be kebab-case');
    const report = {
      key: 'r',
      title: 'R',
      output: 'markdown',
      render: () => ({ kind: 'markdown', markdown: '' }),
    };
    expect(problems({ ...base, eventReports: [report, report] })).toEqual([
      'eventReports.1.key: duplicate key "r"',
    ]);
  });
});

describe.each(testDialects())('syncing plugins on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.dispose());

  it('records new plugins enabled, keeps admin flags, marks uninstalled ones missing, never deletes', async () => {
    const db = ctx.database.db;
    const both = await loadPluginRegistry({ listFile: listFile('both', [faulty, invalid]) });
    const lines = (await syncPlugins(ctx.services(), both)).map(formatSyncLine);
    expect(lines[0]).toBe('plugin test-faults 1.2.3 ok');
    expect(lines).toContain('  event-report test-faults:notes 1.2.3 ok');
    expect(lines.at(-1)).toMatch(/^plugin test-invalid 0\.0\.1 failed: invalid definition: /);

    await setPointEnabled(ctx.services(), 'test-faults', 'notes', false);
    await setPluginEnabled(ctx.services(), 'test-invalid', false);
    const none = await loadPluginRegistry({ listFile: listFile('none', []) });
    expect((await syncPlugins(ctx.services(), none)).map(formatSyncLine)).toEqual([
      'plugin test-faults 1.2.3 missing',
      'plugin test-invalid 0.0.1 missing: invalid definition: ' +
        both.failures[0]!.error.slice('invalid definition: '.length),
    ]);
    const missing = await listPluginRecords(db);
    expect(missing.map((p) => [p.id, p.state])).toEqual([
      ['test-faults', 'missing'],
      ['test-invalid', 'missing'],
    ]);
    expect(missing[0]?.points.every((p) => p.status === 'missing')).toBe(true);

    await syncPlugins(ctx.services(), both);
    const back = await listPluginRecords(db);
    expect(back.find((p) => p.id === 'test-faults')?.state).toBe('ok');
    expect(back.find((p) => p.id === 'test-faults')?.points.find((p) => p.key === 'notes')?.enabled).toBe(
      false,
    );
    expect(back.find((p) => p.id === 'test-invalid')?.enabled).toBe(false);

    const state = new PluginState(db, 0);
    expect(await state.isEnabled('test-faults', 'event-report', 'notes')).toBe(false);
    expect(await state.isEnabled('test-faults', 'event-report', 'table')).toBe(true);
    expect(await state.isEnabled('never-synced', 'event-report', 'x')).toBe(true);
  });

  it('replaces the row of a package that could not be imported once it loads (plugins new, then npm install)', async () => {
    const db = ctx.database.db;
    const pkg = '@steppingstones/plugin-fresh';
    const notInstalled = registryOf(
      'list.json',
      [],
      [
        {
          package: pkg,
          error: 'could not be imported: not found (is it installed? run npm install)',
          position: 0,
        },
      ],
    );
    expect((await syncPlugins(ctx.services(), notInstalled)).map(formatSyncLine)[0]).toMatch(
      /^plugin @steppingstones\/plugin-fresh - failed: could not be imported/,
    );
    const loaded = await loadPluginRegistry({ listFile: listFile('fresh', [faulty]) });
    const installed = registryOf('list.json', [{ ...loaded.plugins[0]!, package: pkg }], []);
    const lines = (await syncPlugins(ctx.services(), installed)).map(formatSyncLine);
    expect(lines[0]).toBe('plugin test-faults 1.2.3 ok');
    expect(lines.join('\n')).not.toContain(pkg);
    expect((await listPluginRecords(db)).map((p) => [p.id, p.state, p.last_error])).toEqual([
      ['test-faults', 'ok', null],
      ['test-invalid', 'missing', expect.stringContaining('invalid definition')],
    ]);
  });
});
