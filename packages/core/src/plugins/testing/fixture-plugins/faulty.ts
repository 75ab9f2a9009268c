// A plugin for the host's tests: good reports of every output kind, and every way a report can fail.
import {
  backgroundTask,
  credentialReport,
  definePlugin,
  eventReport,
  eventstreamSource,
  h,
  htmlTable,
  z,
} from '@steppingstones/plugin-sdk';

export default definePlugin({
  id: 'test-faults',
  name: 'Test faults',
  version: '1.2.3',
  eventReports: [
    eventReport({
      key: 'table',
      title: 'Event table',
      category: 'HTML',
      icon: 'table',
      output: 'html',
      async render(ctx) {
        const events = await ctx.events.list();
        return {
          kind: 'html',
          body: htmlTable(
            ['When', 'What'],
            events.map((e) => [
              e.startAt,
              h('td', { style: { backgroundColor: 'DarkSeaGreen' } }, e.description),
            ]),
          ),
        };
      },
    }),
    eventReport({
      key: 'notes',
      title: 'Notes',
      category: 'Markdown',
      icon: 'file-text',
      output: 'markdown',
      paramsSchema: z.object({ count: z.number().int().min(1).max(10).default(5) }),
      async render(ctx) {
        const events = await ctx.events.list({ limit: ctx.params.count });
        return { kind: 'markdown', markdown: events.map((e) => `- ${e.description}`).join('\n') };
      },
    }),
    eventReport({
      key: 'data',
      title: 'Data',
      category: 'External Tools',
      output: 'json',
      async render(ctx) {
        return { kind: 'json', data: { count: await ctx.events.count(), engagement: ctx.engagement.code } };
      },
    }),
    eventReport({
      key: 'export',
      title: 'A file',
      category: 'External Tools',
      output: 'file',
      render: () => ({
        kind: 'file',
        filename: 'export ünï.csv',
        contentType: 'text/csv',
        data: 'a,b\n1,2\n',
      }),
    }),
    eventReport({
      key: 'chart',
      title: 'Chart',
      category: 'Images',
      output: 'chart',
      async render(ctx) {
        const events = await ctx.events.list();
        return {
          kind: 'chart',
          width: 400,
          height: 300,
          option: {
            xAxis: { type: 'category', data: events.map((e) => e.target?.host ?? '') },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: events.map((_, i) => i + 1) }],
          },
        };
      },
    }),
    eventReport({
      key: 'secrets',
      title: 'Needs credentials',
      category: 'HTML',
      requires: ['credential.view'],
      output: 'markdown',
      render: () => ({ kind: 'markdown', markdown: 'secret stuff' }),
    }),
    eventReport({
      key: 'throws',
      title: 'Throws',
      category: 'Broken',
      output: 'markdown',
      render() {
        throw new Error('the plugin tripped over its own feet');
      },
    }),
    eventReport({
      key: 'malformed',
      title: 'Malformed',
      category: 'Broken',
      output: 'markdown',
      render: () => ({ kind: 'markdown', markdown: 42 }) as never,
    }),
    eventReport({
      key: 'hangs',
      title: 'Hangs',
      category: 'Broken',
      output: 'markdown',
      timeoutMs: 1000,
      // A promise that never settles: the thread sits idle, and only the deadline ends the call.
      render: () => new Promise<never>(() => {}),
    }),
    eventReport({
      key: 'loops',
      title: 'Loops forever',
      category: 'Broken',
      output: 'markdown',
      timeoutMs: 5000,
      render() {
        for (;;) {
          // An infinite loop: only terminating the thread stops it.
        }
      },
    }),
  ],
  // One point of each other menu type, to check the base permission the host adds for its area.
  credentialReports: [
    credentialReport({
      key: 'creds',
      title: 'Credentials',
      category: 'Secrets',
      output: 'markdown',
      render: () => ({ kind: 'markdown', markdown: 'credentials' }),
    }),
  ],
  eventstreamSources: [
    eventstreamSource({
      key: 'log-lines',
      title: 'Log lines',
      category: 'Logs',
      accepts: { extensions: ['.log'] },
      parse: () => [],
    }),
  ],
  backgroundTasks: [
    backgroundTask({
      key: 'echo',
      payloadSchema: z.object({ n: z.number().int().default(0) }),
      schedule: { repeatSeconds: 60 },
      run(ctx, payload) {
        ctx.logger.info('echo', { n: payload.n });
      },
    }),
    backgroundTask({
      key: 'chain',
      payloadSchema: z.object({ n: z.number().int() }),
      maxAttempts: 2,
      timeoutMs: 5000,
      async run(ctx, payload) {
        await ctx.jobs.enqueue('test-faults:echo', { n: payload.n + 1 }, { delaySeconds: 5 });
      },
    }),
  ],
});
