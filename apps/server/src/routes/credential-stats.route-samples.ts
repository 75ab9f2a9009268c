import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

const inEngagement = (f: MatrixFixture) => ({ engagement: f.engagement.code });
const scoped = { engagementScoped: true } as const;

/** Permission-matrix samples for password statistics, cracking aids and credential reports. */
export const CREDENTIAL_STATS_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/credentials/stats': { query: inEngagement, ...scoped },
  'GET /api/v1/credentials/aids/:name': {
    params: () => ({ name: 'wordlist' }),
    query: inEngagement,
    ...scoped,
  },
  'GET /api/v1/credential-reports/:plugin/:key': {
    params: () => ({ plugin: 'credential-reports', key: 'markdown-credential-summary' }),
    query: inEngagement,
    ...scoped,
  },
};
