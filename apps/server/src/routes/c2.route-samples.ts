import { serviceContext } from '@steppingstones/core';
import { addC2Exclusion, importC2Logs } from '@steppingstones/core/c2';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

/** One imported action of the fixture's engagement, made directly in core. */
async function actionId(f: MatrixFixture): Promise<Record<string, string>> {
  await importC2Logs(f.ctx, systemPrincipal(), {
    engagement: f.engagement.code,
    adapter: 'cobalt-strike-logs',
    server: 'matrix',
    filename: 'logs/261231/1.2.3.4/beacon_1.log',
    data: Buffer.from('12/31 23:59:59 UTC [input] <neo> whoami'),
  });
  const row = await f.ctx.database.db
    .selectFrom('c2_action as a')
    .innerJoin('c2_session as s', 's.id', 'a.session_id')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select('a.id')
    .where('sv.engagement_id', '=', f.engagement.id)
    .executeTakeFirstOrThrow();
  return { id: String(row.id) };
}

/** One imported session and its download in the fixture's engagement. */
async function sessionAndDownload(f: MatrixFixture) {
  await actionId(f);
  await importC2Logs(f.ctx, systemPrincipal(), {
    engagement: f.engagement.code,
    adapter: 'cobalt-strike-logs',
    server: 'matrix',
    filename: 'logs/261231/downloads.log',
    data: Buffer.from('12/31 23:59:59 UTC\t1.2.3.4\t1\t10\t/opt/cs/downloads/x\tx.txt\tC:\\Temp\\\n'),
  });
  const row = await f.ctx.database.db
    .selectFrom('c2_download as d')
    .innerJoin('c2_session as s', 's.id', 'd.session_id')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select(['d.id', 's.id as session_id'])
    .where('sv.engagement_id', '=', f.engagement.id)
    .executeTakeFirstOrThrow();
  return { download: String(row.id), session: String(row.session_id) };
}
const sessionId = async (f: MatrixFixture) => ({ id: (await sessionAndDownload(f)).session });
const downloadId = async (f: MatrixFixture) => ({ id: (await sessionAndDownload(f)).download });
const eventBody = () => ({
  timestamp: '2026-12-31T23:59:59Z',
  source: { host: 'matrix-src' },
  target: { host: 'matrix-dst' },
  description: 'Cloned by the matrix',
});

const inEngagement = (f: MatrixFixture) => ({ engagement: f.engagement.code });

/** Permission-matrix samples for the C2 routes (spread into ROUTE_SAMPLES). */
export const C2_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/c2/imports': {
    query: (f) => ({
      engagement: f.engagement.code,
      adapter: 'cobalt-strike-logs',
      filename: 'logs/261231/1.2.3.4/beacon_1.log',
    }),
    body: () => '12/31 23:59:59 UTC [checkin] host called home',
    engagementScoped: true,
  },
  'GET /api/v1/c2/servers': { query: inEngagement, engagementScoped: true },
  'GET /api/v1/c2/sessions': { query: inEngagement, engagementScoped: true },
  'GET /api/v1/c2/actions': { query: inEngagement, engagementScoped: true },
  'GET /api/v1/c2/downloads': { query: inEngagement, engagementScoped: true },
  'GET /api/v1/c2/actions/:id/event-draft': { params: actionId, engagementScoped: true },
  'POST /api/v1/c2/actions/:id/clone': {
    params: actionId,
    body: eventBody,
    engagementScoped: true,
  },
  'POST /api/v1/c2/actions/clone': {
    body: async (f) => ({ actions: [Number((await actionId(f)).id)] }),
    engagementScoped: true,
  },
  'GET /api/v1/c2/downloads/:id/event-draft': { params: downloadId, engagementScoped: true },
  'POST /api/v1/c2/downloads/:id/clone': { params: downloadId, body: eventBody, engagementScoped: true },
  'GET /api/v1/c2/sessions/:id/event-draft': { params: sessionId, engagementScoped: true },
  'POST /api/v1/c2/sessions/:id/clone': { params: sessionId, body: eventBody, engagementScoped: true },
  'PUT /api/v1/c2/sessions/:id/watch': {
    params: sessionId,
    body: () => ({ watched: true }),
    engagementScoped: true,
  },
  'GET /api/v1/c2/exclusions': { query: inEngagement, engagementScoped: true },
  'POST /api/v1/c2/exclusions': {
    query: inEngagement,
    body: async (f) => ({ session: Number((await sessionAndDownload(f)).session), field: 'id' }),
    engagementScoped: true,
  },
  'DELETE /api/v1/c2/exclusions/:id': {
    params: async (f) => {
      const { session } = await sessionAndDownload(f);
      const x = await addC2Exclusion(serviceContext(f.ctx, systemPrincipal()), systemPrincipal(), {
        engagement: f.engagement.code,
        session: Number(session),
        field: 'id',
      });
      return { id: String(x.id) };
    },
    engagementScoped: true,
  },
};
