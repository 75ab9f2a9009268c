// "Open in Navigator": signed, short-lived layer URLs the ATT&CK Navigator fetches without cookies.

export { type NavigatorLayerInput, renderNavigatorLayer } from './navigator-layer.service.ts';
export { createNavigatorLink, type NavigatorLinkInput } from './navigator-link.service.ts';
export {
  NAVIGATOR_LAYER_PURPOSE,
  NAVIGATOR_LINK_TTL_MS,
  NavigatorLinkRefusedError,
  navigatorLayerPath,
  navigatorLayerUrlPath,
  navigatorOrigin,
} from './navigator-link.ts';
