import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type C2SourceHarness, createC2SourceHarness } from './testing/c2-source-harness.ts';
import probe from './testing/c2-thread-probe.plugin.ts';

describe.each(testDialects())('C2 sources parse in the plugin thread pool on %s', (dialect) => {
  let harness: C2SourceHarness;
  beforeAll(async () => {
    harness = await createC2SourceHarness(probe, {
      dialect,
      specifier: new URL('./testing/c2-thread-probe.plugin.ts', import.meta.url).href,
    });
  });
  afterAll(() => harness.dispose());

  it('runs parseFile in a plugin thread, not on the event loop', async () => {
    const result = await harness.importFile('thread-probe', 'beacon_1.log', Buffer.from('hello'));
    expect(result.rejected).toEqual([{ entry: 'beacon_1.log', reason: 'parsed in a plugin thread' }]);
  });

  it('ends a parse that never returns at its deadline, and the next import still runs', async () => {
    await expect(
      harness.importFile('thread-probe', 'beacon_2.log', Buffer.from('loop')),
    ).rejects.toMatchObject({ status: 504, code: 'plugin_timeout' });
    const after = await harness.importFile('thread-probe', 'beacon_3.log', Buffer.from('hello'));
    expect(after.rejected).toEqual([{ entry: 'beacon_3.log', reason: 'parsed in a plugin thread' }]);
  });
});
