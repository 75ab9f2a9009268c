import { type PluginHost, pluginHostFor } from '@steppingstones/core/plugins';
import type { AppServer } from './app-server.ts';

/**
 * Loads the installed plugins and syncs their rows once, when the app starts, before any route is
 * registered: route modules only read `app.plugins`. A plugin that fails to load is recorded as that
 * plugin's error by the host; the app starts anyway. The host's threads end with the app.
 */
export async function startPlugins(app: AppServer): Promise<PluginHost> {
  const host = await pluginHostFor(app.ctx, { sync: true });
  app.decorate('plugins', host);
  app.addHook('onClose', () => host.close());
  return host;
}
