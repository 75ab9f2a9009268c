import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

// The permission matrix runs with the installed plugin list (plugins/example-reports).
const plugin = () => ({ id: 'example-reports' });
const point = () => ({ id: 'example-reports', key: 'event-summary' });

/** The example report also requires `report.view`: the allowed caller gets it on top of the route's code. */
async function reportParams(f: MatrixFixture) {
  const group = await f.ctx.database.db
    .selectFrom('user_group')
    .select('id')
    .where('name', '=', `test:${f.user.username}`)
    .executeTakeFirstOrThrow();
  await f.ctx.database.db
    .insertInto('group_permission')
    .values({ group_id: group.id, code: 'report.view' })
    .execute();
  return { plugin: 'example-reports', key: 'event-summary' };
}

/** Permission-matrix samples for the plugin routes (spread into ROUTE_SAMPLES). */
export const PLUGIN_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'PATCH /api/v1/plugins/:id': { params: plugin, body: () => ({ enabled: true }) },
  'PATCH /api/v1/plugins/:id/points/:key': { params: point, body: () => ({ enabled: true }) },
  'GET /api/v1/reports/:plugin/:key': {
    params: reportParams,
    query: (f) => ({ engagement: f.engagement.code }),
    engagementScoped: true,
  },
};
