// A plugin for the host's streaming tests: streamed reports, and every way a stream can end badly.
// `config.progressFile` (set by the test's plugin list) is where the endless report says how far it
// got and how it ended, so a test can see backpressure and cancellation from outside the thread.
import fs from 'node:fs';
import { definePlugin, eventReport, h, type ReportContext, z } from '@steppingstones/plugin-sdk';

const PIECE = 'x'.repeat(64 * 1024 - 1);

async function* numberedLines(count: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) yield `line ${i}\n`;
}

/** Pieces of 64 KiB for ever, writing `pieces N` (and at the end how it ended) to the progress file. */
async function* endless(ctx: ReportContext): AsyncGenerator<string> {
  const file = (ctx.config as { progressFile?: string }).progressFile;
  // Written aside and renamed, so the test never reads a half-written file.
  const note = (text: string) => {
    if (!file) return;
    fs.writeFileSync(`${file}.new`, text);
    fs.renameSync(`${file}.new`, file);
  };
  let pieces = 0;
  try {
    for (;;) {
      yield `${PIECE}\n`;
      note(`pieces ${++pieces}`);
    }
  } finally {
    note(`pieces ${pieces} closed${ctx.signal.aborted ? ' aborted' : ''}`);
  }
}

export default definePlugin({
  id: 'test-streams',
  name: 'Test streams',
  version: '1.0.0',
  configSchema: z.object({ progressFile: z.string().optional() }),
  eventReports: [
    eventReport({
      key: 'lines',
      title: 'Numbered lines',
      output: 'markdown',
      paramsSchema: z.object({ count: z.number().int().min(0).max(1_000_000).default(3) }),
      render: (ctx) => ({ kind: 'markdown', markdown: numberedLines(ctx.params.count) }),
    }),
    eventReport({
      key: 'event-table',
      title: 'Events, page by page',
      output: 'html',
      async render(ctx) {
        async function* rows() {
          for await (const page of ctx.events.pages({ pageSize: 2 }))
            yield page.map((e) => h('tr', null, h('td', null, e.startAt), h('td', null, e.description)));
        }
        return { kind: 'html', body: [h('p', null, 'Events'), h('table', null, h('tbody', null, rows()))] };
      },
    }),
    eventReport({
      key: 'bytes',
      title: 'A streamed file',
      output: 'file',
      render: () => ({
        kind: 'file',
        filename: 'pieces.bin',
        contentType: 'application/octet-stream',
        data: (async function* () {
          yield 'text, ';
          yield new Uint8Array([0x62, 0x79, 0x74, 0x65, 0x73]);
        })(),
      }),
    }),
    eventReport({
      key: 'endless',
      title: 'Never ends',
      output: 'markdown',
      timeoutMs: 300_000,
      render: (ctx) => ({ kind: 'markdown', markdown: endless(ctx) }),
    }),
    eventReport({
      key: 'fails-first',
      title: 'Fails before its first piece',
      output: 'markdown',
      render: () => ({
        kind: 'markdown',
        markdown: (async function* () {
          yield* [];
          throw new Error('no pieces today');
        })(),
      }),
    }),
    eventReport({
      key: 'fails-midway',
      title: 'Fails halfway',
      output: 'markdown',
      render: () => ({
        kind: 'markdown',
        markdown: (async function* () {
          for (let i = 0; i < 40; i++) yield `${PIECE}\n`;
          throw new Error('broke halfway');
        })(),
      }),
    }),
    eventReport({
      key: 'trickles',
      title: 'Passes its deadline while streaming',
      output: 'markdown',
      timeoutMs: 3000,
      render: () => ({
        kind: 'markdown',
        markdown: (async function* () {
          for (;;) {
            yield `${PIECE}\n`;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })(),
      }),
    }),
    eventReport({
      key: 'bad-piece',
      title: 'Streams a number',
      output: 'markdown',
      render: () => ({
        kind: 'markdown',
        markdown: (async function* () {
          yield 42 as unknown as string;
        })(),
      }),
    }),
  ],
});
