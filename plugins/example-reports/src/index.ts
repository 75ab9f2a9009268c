// The plugin example-reports. A plugin imports only @steppingstones/plugin-sdk; see docs/plugins.md.
import { definePlugin, eventReport, h, htmlTable, type ReportEvent, z } from '@steppingstones/plugin-sdk';

const DETECTED_COLOURS: Record<string, string> = { FUL: 'DarkSeaGreen', PAR: 'lemonchiffon', NEG: 'darkred' };

export default definePlugin({
  id: 'example-reports',
  name: 'Example Reports',
  version: '0.1.0',
  description: 'An example event report; change it into yours.',
  eventReports: [
    eventReport({
      key: 'event-summary',
      title: 'Event summary',
      category: 'Example Reports',
      icon: 'table',
      description: 'The filtered events as a table with their detection status.',
      requires: ['report.view'],
      output: 'html',
      paramsSchema: z.object({
        includeEvidence: z.boolean().default(false).describe('Add a column with the raw evidence'),
      }),
      async render(ctx) {
        const count = await ctx.events.count();
        ctx.logger.info('rendering', { events: count });
        const header = ['Time (UTC)', 'Source', 'Target', 'Description', 'Detected'];
        if (ctx.params.includeEvidence) header.push('Evidence');
        const row = (e: ReportEvent) => {
          const colour = DETECTED_COLOURS[e.detected];
          const cells = [
            e.startAt.replace('T', ' ').slice(0, 16),
            e.source?.host ?? '',
            e.target?.host ?? '',
            e.description,
            h('td', colour ? { bgcolor: colour } : null, e.detected),
          ];
          if (ctx.params.includeEvidence) cells.push(h('td', null, h('pre', null, e.rawEvidence)));
          return cells;
        };
        // Page by page: the table streams to the client, so any number of events fits in memory.
        async function* rows() {
          for await (const page of ctx.events.pages()) yield page.map(row);
        }
        return {
          kind: 'html',
          filename: `${ctx.engagement.code}-event-summary`,
          body: [h('h2', null, `${ctx.engagement.name}: ${count} events`), htmlTable(header, rows())],
        };
      },
    }),
  ],
});
