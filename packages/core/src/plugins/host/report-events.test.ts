import { testDialects } from '@steppingstones/db/testing';
import { definePlugin, eventReport } from '@steppingstones/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginTestHarness, type PluginTestHarness } from '../testing/index.ts';

/** A report that prints what `events.pages()` gives under the options in its parameters. */
const plugin = definePlugin({
  id: 'test-pages',
  name: 'Pages',
  version: '1.0.0',
  eventReports: [
    eventReport({
      key: 'pages',
      title: 'Pages',
      output: 'json',
      async render(ctx) {
        const read = async (options: Parameters<typeof ctx.events.pages>[0]) => {
          const pages: string[][] = [];
          for await (const page of ctx.events.pages(options)) pages.push(page.map((e) => e.description));
          return pages;
        };
        const one: string[] = [];
        for await (const e of ctx.events.iterate({ pageSize: 3, order: 'desc' })) one.push(e.description);
        return {
          kind: 'json',
          data: {
            list: (await ctx.events.list()).map((e) => e.description),
            listDesc: (await ctx.events.list({ order: 'desc' })).map((e) => e.description),
            listAll: (await ctx.events.listAll()).map((e) => e.description),
            byTwo: await read({ pageSize: 2 }),
            limited: await read({ pageSize: 2, limit: 3 }),
            all: await read({ ignoreFilter: true }),
            iteratedDesc: one,
          },
        };
      },
    }),
  ],
});

interface Read {
  list: string[];
  listDesc: string[];
  listAll: string[];
  byTwo: string[][];
  limited: string[][];
  all: string[][];
  iteratedDesc: string[];
}

describe.each(testDialects())('events.pages() for reports on %s', (dialect) => {
  let h: PluginTestHarness;
  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    // Two more events at the same time as a fixture one: the pages must still keep every event once.
    for (const description of ['Same time A', 'Same time B'])
      await h.addEvent({
        timestamp: '2026-01-06T10:02:00Z',
        description,
        source: { host: 'X' },
        target: { host: 'Y' },
      });
  });
  afterAll(() => h.dispose());

  const read = async (filter?: Record<string, string>) =>
    JSON.parse((await h.renderEventReport('pages', { filter })).text) as Read;

  it('gives every filtered event once, in the order and with the contents of list()', async () => {
    const r = await read();
    expect(r.list).toHaveLength(6);
    expect(r.byTwo.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(r.byTwo.flat()).toEqual(r.list);
    expect(r.iteratedDesc).toEqual(r.listDesc);
    expect(r.limited.flat()).toEqual(r.list.slice(0, 3));
  });

  it('applies the filter unless told to ignore it', async () => {
    const r = await read({ tag: 'phishing' });
    expect(r.list).toEqual(['Sent phishing email with macro document. Payload beaconed.']);
    expect(r.byTwo.flat()).toEqual(r.list);
    expect(r.all.flat()).toEqual(r.listAll);
    expect(r.all.flat()).toHaveLength(6);
  });
});
