import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

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
};
