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

describe('plugins new', () => {
  // Scaffolded inside plugins/ so the package resolves the SDK and matches the test include pattern,
  // exactly as a user's would; removed afterwards.
  const name = `zz-scaffold-${process.pid}`;
  const pluginsDir = path.join(PROJECT_ROOT, 'plugins');
  const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-scaffold-')), 'list.json');
  fs.writeFileSync(listFile, JSON.stringify({ plugins: ['@steppingstones/plugin-example-reports'] }));
  afterAll(() => fs.rmSync(path.join(pluginsDir, name), { recursive: true, force: true }));

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

    const { stdout } = await run('npx', ['vitest', 'run', `plugins/${name}`, '--project', 'unit'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CI: '', TEST_DATABASE_URL: '' },
    });
    expect(stdout).toMatch(/Tests\s+.*2 passed/);
  }, 300_000);
});
