import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_STATE_TTL_MS, PluginState } from './plugin-state.ts';

describe.each(testDialects())('the enabled flags a process trusts, on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    await ctx.database.db
      .insertInto('plugin')
      .values({
        plugin_id: 'flags',
        package: '@steppingstones/plugin-flags',
        name: 'Flags',
        version: '1.0.0',
        description: '',
        status: 'ok',
        enabled: 1,
        last_error: null,
        position: 0,
        created_at: 0,
        updated_at: 0,
        synced_at: 0,
      })
      .execute();
  });
  afterAll(() => ctx?.dispose());

  const setEnabled = (enabled: number) =>
    ctx.database.db.updateTable('plugin').set({ enabled }).where('plugin_id', '=', 'flags').execute();

  it('applies a toggle made by another process once its copy is PLUGIN_STATE_TTL_MS old, not before', async () => {
    // Under a second, so a toggle applies in every server and worker within one.
    expect(PLUGIN_STATE_TTL_MS).toBeLessThan(1000);
    let now = 1_000_000;
    const state = new PluginState(ctx.database.db, PLUGIN_STATE_TTL_MS, () => now);
    expect(await state.isEnabled('flags')).toBe(true);
    await setEnabled(0);
    now += PLUGIN_STATE_TTL_MS - 1;
    expect(await state.isEnabled('flags')).toBe(true);
    now += 1;
    expect(await state.isEnabled('flags')).toBe(false);
    await setEnabled(1);
    state.invalidate();
    expect(await state.isEnabled('flags')).toBe(true);
  });
});
