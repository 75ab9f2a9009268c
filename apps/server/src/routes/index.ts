import type { AppServer } from '../app-server.ts';
import { healthRoutes } from './health.routes.ts';

/** Every route module, in one place. */
export async function registerApiRoutes(app: AppServer): Promise<void> {
  await app.register(healthRoutes);
}
