import type { AppContext } from '../app-context.ts';
import { findEngagementByCode } from '../engagements/index.ts';
import { canAccessEngagement, type Principal, principalInEngagement } from '../permissions/index.ts';
import {
  mayUsePoint,
  type PluginHost,
  parseReportRequest,
  type RenderedReport,
  requiredPermissions,
  runReport,
} from '../plugins/index.ts';
import type { ValidatedReportPoint } from '../plugins/plugin-definition.schema.ts';
import { SIGNED_URL_TOKEN_PARAM } from '../signed-urls/index.ts';
import { NavigatorLinkRefusedError } from './navigator-link.ts';

export interface NavigatorLayerInput {
  pluginId: string;
  key: string;
  /** The signer, rebuilt from the database for this fetch (groups, memberships, active state of now). */
  principal: Principal;
  /** The signed URL's query; its token was already verified. */
  query: Record<string, string | string[] | undefined>;
  signal?: AbortSignal;
}

/**
 * Renders the layer a verified signed URL names, re-checking at fetch time everything the link's maker
 * was allowed when it was made: the report is still installed and enabled, the signer still holds its
 * permissions and still belongs to the engagement. Each refusal says which of these failed.
 */
export async function renderNavigatorLayer(
  app: AppContext,
  host: PluginHost,
  input: NavigatorLayerInput,
): Promise<RenderedReport> {
  const found = host.registry.point('event-report', input.pluginId, input.key);
  const point = found?.point as ValidatedReportPoint | undefined;
  if (point?.opensIn !== 'attack-navigator')
    throw new NavigatorLinkRefusedError(`the report "${input.pluginId}/${input.key}" is not installed.`);
  if (!(await host.state.isEnabled(input.pluginId, 'event-report', input.key)))
    throw new NavigatorLinkRefusedError(`the report "${point.title}" has been disabled by an administrator.`);
  const { [SIGNED_URL_TOKEN_PARAM]: _token, ...query } = input.query;
  const request = parseReportRequest(point, query);
  const engagement = await findEngagementByCode(host.database.db, request.engagementCode);
  if (!engagement)
    throw new NavigatorLinkRefusedError(`the engagement "${request.engagementCode}" no longer exists.`);
  if (!canAccessEngagement(input.principal, engagement.id))
    throw new NavigatorLinkRefusedError(
      `the account that made it is no longer a member of the engagement "${engagement.code}".`,
    );
  // What the signer may do there comes from their role in that engagement.
  if (!mayUsePoint(principalInEngagement(input.principal, engagement.id), 'event-report', point))
    throw new NavigatorLinkRefusedError(
      `the account that made it no longer holds the permissions ${requiredPermissions('event-report', point).join(', ')} in "${engagement.code}".`,
    );
  return runReport(app, host, {
    type: 'event-report',
    pluginId: input.pluginId,
    key: input.key,
    principal: input.principal,
    query,
    locale: 'en-GB',
    ...(input.signal ? { signal: input.signal } : {}),
  });
}
