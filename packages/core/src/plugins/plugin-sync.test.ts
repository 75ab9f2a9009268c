import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPluginRegistry } from './plugin-registry.ts';
import { formatSyncLine, syncPlugins } from './plugin-sync.service.ts';

const TICKER = path.join(import.meta.dirname, 'testing', 'fixture-plugins', 'ticker.ts');

describe.each(testDialects())('plugins sync on %s', (dialect) => {
  let ctx: TestContext;
  let listFile: string;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-sync-')), 'list.json');
    fs.writeFileSync(
      listFile,
      JSON.stringify({ plugins: [{ package: TICKER, config: { runLog: '/dev/null' } }] }),
    );
  });
  afterAll(() => ctx?.dispose());

  const sync = async () =>
    (await syncPlugins(ctx.services(), await loadPluginRegistry({ listFile }))).map(formatSyncLine);
  const row = () =>
    ctx.database.db
      .selectFrom('plugin')
      .selectAll()
      .where('plugin_id', '=', 'test-ticker')
      .executeTakeFirstOrThrow();

  it('leaves a plugin whose version has not changed as it is, admins’ flags included, and says the same', async () => {
    const first = await sync();
    expect(first).toEqual([
      'plugin test-ticker 1.0.0 ok',
      '  background-task test-ticker:tick 1.0.0 ok',
      '  background-task test-ticker:tock 1.0.0 ok',
    ]);
    await ctx.database.db.updateTable('plugin_point').set({ enabled: 0 }).where('key', '=', 'tock').execute();
    const before = await row();
    const again = await sync();
    expect(again).toEqual([
      'plugin test-ticker 1.0.0 ok',
      '  background-task test-ticker:tick 1.0.0 ok',
      '  background-task test-ticker:tock 1.0.0 ok (disabled)',
    ]);
    const after = await row();
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.synced_at).toBeGreaterThanOrEqual(before.synced_at);
  });

  it('records the plugin again when its version changed, keeping the flags', async () => {
    await ctx.database.db
      .updateTable('plugin')
      .set({ version: '0.9.0' })
      .where('plugin_id', '=', 'test-ticker')
      .execute();
    expect(await sync()).toEqual([
      'plugin test-ticker 1.0.0 ok',
      '  background-task test-ticker:tick 1.0.0 ok',
      '  background-task test-ticker:tock 1.0.0 ok (disabled)',
    ]);
    expect((await row()).version).toBe('1.0.0');
  });

  it('records a point added without a new version (a plugin in development)', async () => {
    await ctx.database.db.deleteFrom('plugin_point').where('key', '=', 'tick').execute();
    expect(await sync()).toContain('  background-task test-ticker:tick 1.0.0 ok');
    expect(
      await ctx.database.db.selectFrom('plugin_point').select('key').where('key', '=', 'tick').execute(),
    ).toHaveLength(1);
  });

  it('marks an unlisted plugin missing, and keeps saying so', async () => {
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [] }));
    expect(await sync()).toEqual(['plugin test-ticker 1.0.0 missing']);
    expect(await sync()).toEqual(['plugin test-ticker 1.0.0 missing']);
    expect((await row()).status).toBe('missing');
  });
});
