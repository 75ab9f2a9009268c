import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/project-root.ts';
import { loadPluginRegistry } from './plugin-registry.ts';
import { scaffoldPlugin } from './plugin-scaffold.ts';

const run = promisify(execFile);

/**
 * A throw-away npm workspace shaped like a user's checkout (`plugins/*` as workspaces), with the SDK,
 * the test harness and Vitest linked in as `npm install` would, so the scaffolded package is built and
 * tested exactly as a user's would be, without touching this repository's plugins/.
 */
function temporaryWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-scaffold-'));
  fs.mkdirSync(path.join(root, 'plugins'));
  fs.writeFileSync(
    path.join(root, 'package.json'),
    JSON.stringify({ name: 'scaffold-workspace', private: true, type: 'module', workspaces: ['plugins/*'] }),
  );
  const link = (name: string, target: string) => {
    const at = path.join(root, 'node_modules', name);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at, 'dir');
  };
  link('@steppingstones/plugin-sdk', path.join(PROJECT_ROOT, 'packages/plugin-sdk'));
  link('@steppingstones/plugin-testing', path.join(PROJECT_ROOT, 'packages/plugin-testing'));
  link('vitest', path.join(PROJECT_ROOT, 'node_modules/vitest'));
  return root;
}

describe('plugins new', () => {
  const name = 'my-reports';
  const workspace = temporaryWorkspace();
  const pluginsDir = path.join(workspace, 'plugins');
  const listFile = path.join(workspace, 'steppingstones.plugins.json');
  fs.writeFileSync(listFile, JSON.stringify({ plugins: ['@steppingstones/plugin-example-reports'] }));
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('creates a working plugin that lists itself, loads and passes its own test', async () => {
    const result = scaffoldPlugin(name, { pluginsDir, listFile });
    expect(result.pluginId).toBe(name);
    expect(result.files).toEqual(['README.md', 'package.json', 'src/index.test.ts', 'src/index.ts']);
    expect(JSON.parse(fs.readFileSync(listFile, 'utf8')).plugins).toEqual([
      '@steppingstones/plugin-example-reports',
      `@steppingstones/plugin-${name}`,
    ]);
    expect(() => scaffoldPlugin(name, { pluginsDir, listFile })).toThrow('already exists');
    expect(() => scaffoldPlugin('Bad Name', { pluginsDir, listFile })).toThrow('kebab-case');

    // Before npm install links it, the package cannot be imported: a clear load failure, nothing else.
    const before = await loadPluginRegistry({ listFile });
    expect(before.failures[0]?.error).toContain('npm install');
    // Loaded by path it validates like any installed plugin.
    const byPath = path.join(pluginsDir, name);
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [byPath] }));
    const after = await loadPluginRegistry({ listFile });
    expect(after.failures).toEqual([]);
    expect(after.plugins[0]?.definition.id).toBe(name);

    const vitest = path.join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs');
    const { stdout } = await run(process.execPath, [vitest, 'run', `plugins/${name}`], {
      cwd: workspace,
      env: { ...process.env, CI: '', TEST_DATABASE_URL: '' },
    });
    expect(stdout).toMatch(/Tests\s+.*2 passed/);
  }, 300_000);
});
