import { importEventStream } from '@steppingstones/core/eventstream';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

let n = 0;

/** One imported line of the fixture's engagement, made directly in core. */
async function fixtureLine(f: MatrixFixture): Promise<number> {
  n++;
  const line = JSON.stringify({
    ts: '2026-01-01T00:00:00',
    s: { h: 'matrix-src' },
    t: { h: 'matrix-dst' },
    d: `Matrix ${n}`,
  });
  await importEventStream(f.ctx.services(), systemPrincipal(), f.engagement.code, [line]);
  const row = await f.ctx.database.db
    .selectFrom('eventstream_line')
    .select('id')
    .where('description', '=', `Matrix ${n}`)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const inEngagement = (f: MatrixFixture) => ({ engagement: f.engagement.code });
const lineId = async (f: MatrixFixture) => ({ id: String(await fixtureLine(f)) });

/** Permission-matrix samples for the EventStream routes (spread into ROUTE_SAMPLES). */
export const EVENTSTREAM_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/eventstream/imports': {
    query: inEngagement,
    body: () => ({ ts: '2026-01-02T00:00:00', d: 'Imported by the matrix' }),
    engagementScoped: true,
  },
  'GET /api/v1/eventstream/imports/:id': {
    params: async (f) => {
      const row = await f.ctx.database.db
        .insertInto('eventstream_import')
        .values({
          engagement_id: f.engagement.id,
          status: 'succeeded',
          bytes_total: 0,
          bytes_done: 0,
          lines_done: 0,
          result: '{"added":0,"duplicates":0,"rejected":[]}',
          created_at: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: String(row.id) };
    },
    engagementScoped: true,
  },
  'GET /api/v1/eventstream/lines': { query: inEngagement, engagementScoped: true },
  'GET /api/v1/eventstream/lines/:id/event-draft': { params: lineId, engagementScoped: true },
  'POST /api/v1/eventstream/lines/:id/clone': {
    params: lineId,
    body: () => ({
      timestamp: '2026-01-01T00:00:00Z',
      source: { host: 'matrix-src' },
      target: { host: 'matrix-dst' },
      description: 'Cloned by the matrix',
    }),
    engagementScoped: true,
  },
  'POST /api/v1/eventstream/lines/clone': {
    body: async (f) => ({ engagement: f.engagement.code, ids: [await fixtureLine(f)] }),
    engagementScoped: true,
  },
  'GET /api/v1/eventstream': { query: inEngagement, engagementScoped: true },
};
