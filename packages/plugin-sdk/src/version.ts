/**
 * The version of the plugin API (the point interfaces, the context and the output types), in semver.
 * A plugin is stamped with the version it was defined against; the host loads it only when the major
 * versions match and the plugin's minor is not newer than the host's (it may use members the host lacks).
 *
 * @example
 * ```ts
 * const builtAgainst = `SDK ${SDK_VERSION}`;
 * ```
 */
export const SDK_VERSION = '1.1.0';
// 1.1: streamed outputs (ChunkStream bodies, async iterable HTML children) and events.pages()/iterate().

/**
 * True when a plugin defined against `pluginSdk` can run on a host with `hostSdk`.
 *
 * @example
 * ```ts
 * const loads = isCompatibleSdkVersion('1.0.0', '1.1.0'); // true: same major, older minor
 * ```
 */
export function isCompatibleSdkVersion(pluginSdk: string, hostSdk: string = SDK_VERSION): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number);
  const p = parse(pluginSdk);
  const h = parse(hostSdk);
  if (!p || !h) return false;
  return p[0] === h[0] && (p[1] ?? 0) <= (h[1] ?? 0);
}
