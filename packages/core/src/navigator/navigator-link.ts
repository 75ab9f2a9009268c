import { DomainError } from '../errors.ts';

/** How long a signed layer URL works: long enough to click and load, short enough to be useless later. */
export const NAVIGATOR_LINK_TTL_MS = 5 * 60_000;

/** The purpose signed into every Navigator layer URL (a signature for it opens nothing else). */
export const NAVIGATOR_LAYER_PURPOSE = 'navigator-layer';

/** The layer's path for a report, as signed: decoded ids, so encoding variants do not matter. */
export function navigatorLayerPath(pluginId: string, key: string): string {
  return `/api/v1/reports/${pluginId}/${key}/navigator-layer`;
}

/** The same path as a URL. */
export function navigatorLayerUrlPath(pluginId: string, key: string): string {
  return `/api/v1/reports/${encodeURIComponent(pluginId)}/${encodeURIComponent(key)}/navigator-layer`;
}

/** The origin the Navigator's page runs on: the only one allowed to read a layer cross-origin. */
export function navigatorOrigin(navigatorUrl: string): string {
  return new URL(navigatorUrl).origin;
}

/** A signed link that was genuine but no longer grants the layer; the message says why. */
export class NavigatorLinkRefusedError extends DomainError {
  override readonly status = 403;
  override readonly code = 'link_refused';
  constructor(reason: string) {
    super(
      `This Navigator link no longer works: ${reason} Open the report again and use "Open in Navigator".`,
    );
  }
}
