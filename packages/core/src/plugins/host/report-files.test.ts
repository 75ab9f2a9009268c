import { testDialects } from '@steppingstones/db/testing';
import { definePlugin, eventReport } from '@steppingstones/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginTestHarness, type PluginTestHarness } from '../testing/index.ts';

const NT_HASH = '8846f7eaee8fb117ad06bdd830b7586c';
const SECRET = `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${NT_HASH}:::`;

/** A report that prints every file a report can read, both ways: through the events and on its own. */
const plugin = definePlugin({
  id: 'test-files',
  name: 'Files',
  version: '1.0.0',
  eventReports: [
    eventReport({
      key: 'files',
      title: 'Files',
      output: 'json',
      async render(ctx) {
        return {
          kind: 'json',
          data: { files: await ctx.files.list(), events: (await ctx.events.list()).map((e) => e.files) },
        };
      },
    }),
  ],
});

/** A blue team reader's report shows a file's description and location masked, as the Files page does. */
describe.each(testDialects())('files in reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await h.addEvent({
      timestamp: '2026-01-07T10:00:00Z',
      description: 'Saved the SAM hive',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      files: [{ filename: 'sam.save', description: SECRET, location: `C:\\loot\\${SECRET}` }],
    });
  });
  afterAll(() => h?.dispose());

  it('masks file descriptions and locations without credential.view', async () => {
    const blue = await h.renderEventReport('files', {
      permissions: ['event.view', 'file.view', 'report.view'],
    });
    expect(blue.text).toContain('sam.save');
    expect(blue.text).toContain('«redacted»');
    expect(blue.text).not.toContain(NT_HASH);
  });

  it('shows them to the operator', async () => {
    const operator = await h.renderEventReport('files');
    const files = (JSON.parse(operator.text) as { files: Array<{ location: string }> }).files;
    expect(files.find((f) => f.location.startsWith('C:\\loot'))?.location).toContain(NT_HASH);
  });
});
