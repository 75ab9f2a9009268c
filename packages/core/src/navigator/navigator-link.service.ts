import type { NavigatorLinkDto } from '@steppingstones/shared/navigator';
import type { AppContext } from '../app-context.ts';
import { findEngagementByCode } from '../engagements/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import { findRunnableReport, type PluginHost, parseReportRequest } from '../plugins/index.ts';
import { signUrl } from '../signed-urls/index.ts';
import {
  NAVIGATOR_LAYER_PURPOSE,
  NAVIGATOR_LINK_TTL_MS,
  navigatorLayerPath,
  navigatorLayerUrlPath,
} from './navigator-link.ts';

/** The grid's paging and sorting ride along in report URLs; a layer ignores them, so they are not signed. */
const GRID_ONLY = new Set(['sort', 'cursor', 'page_size']);

export interface NavigatorLinkInput {
  pluginId: string;
  key: string;
  principal: Principal;
  query: Record<string, string | string[] | undefined>;
}

/**
 * "Open in Navigator": checks that the caller may run the layer report on this engagement with these
 * parameters now (so a bad parameter fails here, not in the Navigator), then signs the layer URL for
 * the caller for NAVIGATOR_LINK_TTL_MS. Where the Navigator could not fetch it (no PUBLIC_URL, or an
 * https Navigator and an http app) it says why instead of handing out a link that cannot work.
 */
export async function createNavigatorLink(
  app: AppContext,
  host: PluginHost,
  input: NavigatorLinkInput,
): Promise<NavigatorLinkDto> {
  const { point } = await findRunnableReport(host, { type: 'event-report', ...input });
  if (point.opensIn !== 'attack-navigator')
    throw new NotFoundError(`A Navigator layer report "${input.pluginId}/${input.key}"`);
  // A personal token's scope could not be carried by the link (it acts as the user): sessions only.
  if (input.principal.via === 'api-token' || input.principal.via === 'signed-url')
    throw new ForbiddenError('Navigator links are made from a signed-in session or an access token.');
  const request = parseReportRequest(point, input.query);
  const engagement = await findEngagementByCode(host.database.db, request.engagementCode);
  if (!engagement || !canAccessEngagement(input.principal, engagement.id))
    throw new NotFoundError(`The engagement "${request.engagementCode}"`);

  const navigatorUrl = app.config.navigatorUrl;
  const publicUrl = app.config.publicUrl;
  if (!publicUrl)
    return { available: false, navigator_url: navigatorUrl, reason: 'public_url_unset', public_url: null };
  if (navigatorUrl.startsWith('https:') && !publicUrl.startsWith('https:'))
    return {
      available: false,
      navigator_url: navigatorUrl,
      reason: 'public_url_not_https',
      public_url: publicUrl,
    };

  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query)) {
    if (value === undefined || GRID_ONLY.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
  }
  const user = await host.database.db
    .selectFrom('app_user')
    .select('auth_epoch')
    .where('id', '=', input.principal.userId)
    .executeTakeFirstOrThrow();
  const expiresAt = app.clock.now() + NAVIGATOR_LINK_TTL_MS;
  const signed = signUrl(
    app.keys,
    { purpose: NAVIGATOR_LAYER_PURPOSE, path: navigatorLayerPath(input.pluginId, input.key), query },
    { userId: input.principal.userId, authEpoch: Number(user.auth_epoch) },
    expiresAt,
  );
  const layerUrl = `${publicUrl}${navigatorLayerUrlPath(input.pluginId, input.key)}?${signed}`;
  return {
    available: true,
    navigator_url: navigatorUrl,
    open_url: `${navigatorUrl}#layerURL=${encodeURIComponent(layerUrl)}`,
    layer_url: layerUrl,
    expires_at: new Date(expiresAt).toISOString(),
    ttl_seconds: NAVIGATOR_LINK_TTL_MS / 1000,
  };
}
