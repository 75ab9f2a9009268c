import type { AppServer } from '../app-server.ts';
import { attackRoutes } from './attack.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { backupRoutes } from './backup.routes.ts';
import { bulkEditRoutes } from './bulk-edit.routes.ts';
import { contextRoutes } from './contexts.routes.ts';
import { engagementRoutes } from './engagements.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { fileRoutes } from './files.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { historyRoutes } from './history.routes.ts';
import { jobRoutes } from './jobs.routes.ts';
import { navigatorRoutes } from './navigator.routes.ts';
import { pluginRoutes } from './plugins.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { streamRoutes } from './stream.routes.ts';
import { suggestionRoutes } from './suggestions.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { userRoutes } from './users.routes.ts';
import { webhookRoutes } from './webhooks.routes.ts';

/** Every route module, in one place. */
export async function registerApiRoutes(app: AppServer): Promise<void> {
  await app.register(healthRoutes);
  await app.register(setupRoutes);
  await app.register(authRoutes);
  await app.register(tokenRoutes);
  await app.register(engagementRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(backupRoutes);
  await app.register(eventRoutes);
  await app.register(historyRoutes);
  await app.register(bulkEditRoutes);
  await app.register(exchangeRoutes);
  await app.register(streamRoutes);
  await app.register(attackRoutes);
  await app.register(suggestionRoutes);
  await app.register(contextRoutes);
  await app.register(tagRoutes);
  await app.register(fileRoutes);
  await app.register(pluginRoutes);
  await app.register(navigatorRoutes);
  await app.register(jobRoutes);
  await app.register(webhookRoutes);
}
