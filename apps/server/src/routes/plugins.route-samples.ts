import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

// The permission matrix runs with the installed plugin list (steppingstones.plugins.json).
const plugin = () => ({ id: 'example-reports' });
const point = () => ({ id: 'example-reports', key: 'event-summary' });

/**
 * A report of a plugin that starts enabled (the example plugin starts disabled on a new instance); it
 * requires `report.view`, which every role reading events holds.
 */
function reportParams(_f: MatrixFixture) {
  return { plugin: 'html-reports', key: 'html-detection-summary' };
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
