import { startWalCheckpointer } from '@steppingstones/db';
import type { AppServer } from './app-server.ts';

/**
 * On SQLite, the server's commits leave the write-ahead log to a thread of their own (docs/adr/0009): a
 * 100 MB attachment no longer freezes every request for the second its checkpoint takes. Stopped when
 * the app closes, before the context closes the database.
 */
export async function installOffThreadCheckpoints(app: AppServer): Promise<void> {
  const { database, logger } = app.ctx;
  if (!database.sqlite || database.target.location === ':memory:') return;
  const checkpointer = await startWalCheckpointer(database.sqlite, database.target.location, {
    logger: logger.child({ component: 'sqlite-checkpoint' }),
  });
  app.addHook('onClose', () => checkpointer.stop());
}
