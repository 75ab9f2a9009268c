import {
  NAVIGATOR_LAYER_PURPOSE,
  NAVIGATOR_LINK_TTL_MS,
  navigatorLayerPath,
} from '@steppingstones/core/navigator';
import { signUrl } from '@steppingstones/core/signed-urls';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

const PLUGIN = 'external-tool-reports';
const KEY = 'mitre-attack-navigator';

/** The layer report also requires `report.view`, which every role reading events holds. */
function layerReport(_f: MatrixFixture) {
  return { plugin: PLUGIN, key: KEY };
}

/** A genuine link for `signer`, as "Open in Navigator" would make it for them. */
async function signedFor(f: MatrixFixture, signer: { id: number }) {
  const user = await f.ctx.database.db
    .selectFrom('app_user')
    .select('auth_epoch')
    .where('id', '=', signer.id)
    .executeTakeFirstOrThrow();
  const query = new URLSearchParams({ engagement: f.engagement.code });
  const signed = signUrl(
    f.ctx.keys,
    { purpose: NAVIGATOR_LAYER_PURPOSE, path: navigatorLayerPath(PLUGIN, KEY), query },
    { userId: signer.id, authEpoch: Number(user.auth_epoch) },
    f.ctx.clock.now() + NAVIGATOR_LINK_TTL_MS,
  );
  return Object.fromEntries(signed);
}

/** Permission-matrix samples for "Open in Navigator" (spread into ROUTE_SAMPLES). */
export const NAVIGATOR_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/reports/:plugin/:key/navigator-link': {
    params: layerReport,
    query: (f) => ({ engagement: f.engagement.code }),
    engagementScoped: true,
  },
  'GET /api/v1/reports/:plugin/:key/navigator-layer': {
    params: layerReport,
    signedQuery: signedFor,
    engagementScoped: true,
  },
};
