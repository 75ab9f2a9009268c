import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenPointsOf, listPluginRecords } from './plugin-admin.queries.ts';
import { loadPluginRegistry, type PluginRegistry } from './plugin-registry.ts';
import { syncPlugins } from './plugin-sync.service.ts';

/** What an admin of a new instance finds in Admin → Plugins after the first start. */
describe.each(testDialects())('plugins on a new instance on %s', (dialect) => {
  let ctx: TestContext;
  let registry: PluginRegistry;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-first-')), 'list.json');
    fs.writeFileSync(
      listFile,
      JSON.stringify({
        plugins: ['@steppingstones/plugin-example-reports', '@steppingstones/plugin-html-reports'],
      }),
    );
    registry = await loadPluginRegistry({ listFile });
    await syncPlugins(ctx.services(), registry);
  });
  afterAll(() => ctx?.dispose());

  it('starts the example plugin disabled and other new plugins enabled', async () => {
    const records = await listPluginRecords(ctx.database.db, hiddenPointsOf(registry));
    expect(records.map((p) => [p.id, p.state])).toEqual([
      ['example-reports', 'disabled'],
      ['html-reports', 'ok'],
    ]);
  });

  it('keeps an admin’s choice to enable the example plugin at the next start', async () => {
    await ctx.database.db
      .updateTable('plugin')
      .set({ enabled: 1 })
      .where('plugin_id', '=', 'example-reports')
      .execute();
    await syncPlugins(ctx.services(), registry);
    const records = await listPluginRecords(ctx.database.db, hiddenPointsOf(registry));
    expect(records.find((p) => p.id === 'example-reports')?.state).toBe('ok');
  });

  it('lists a hidden alias of a report once, under its visible key', async () => {
    const html = (await listPluginRecords(ctx.database.db, hiddenPointsOf(registry))).find(
      (p) => p.id === 'html-reports',
    );
    const keys = html?.points.map((p) => p.key) ?? [];
    expect(keys).toContain('html-detection-summary');
    expect(keys).not.toContain('html-dection-summary');
    expect(new Set(html?.points.map((p) => `${p.type} ${p.title}`)).size).toBe(keys.length);
  });
});
