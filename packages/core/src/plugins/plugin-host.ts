import type { Database } from '@steppingstones/db';
import type { Logger } from 'pino';
import type { AppContext } from '../app-context.ts';
import type { Clock } from '../clock.ts';
import { ThreadPool } from './host/thread-pool.ts';
import { PluginListError } from './plugin-list.ts';
import { loadPluginRegistry, type PluginRegistry } from './plugin-registry.ts';
import { PluginState } from './plugin-state.ts';
import { type SyncLine, syncPlugins } from './plugin-sync.service.ts';

/** A process's plugins: the registry loaded at start, and the admins' enabled flags (≤ 1 s old). */
export interface PluginHost {
  registry: PluginRegistry;
  state: PluginState;
  /** The database the enabled flags are read from (and the one reports read). */
  database: Database;
  /** Warm worker threads that run renders (terminated and replaced when a call passes its deadline). */
  threads: ThreadPool;
  sync(): Promise<SyncLine[]>;
  close(): Promise<void>;
}

export async function createPluginHost(
  database: Database,
  /** `clock`: the process's clock, which stamps what a sync writes. */
  options: { listFile?: string; logger?: Pick<Logger, 'warn'>; clock: Clock },
): Promise<PluginHost> {
  const registry = await loadPluginRegistry(options);
  const state = new PluginState(database.db);
  const threads = new ThreadPool();
  return {
    registry,
    state,
    database,
    threads,
    close: () => threads.close(),
    async sync() {
      // Syncing an unreadable list would mark every plugin missing: refuse instead.
      if (registry.listError) throw new PluginListError(registry.listError);
      const lines = await syncPlugins({ db: database.db, clock: options.clock }, registry);
      state.invalidate();
      return lines;
    },
  };
}

const hosts = new WeakMap<AppContext, Promise<PluginHost>>();

/** Gives a context a host made elsewhere (tests with their own plugin list). */
export function attachPluginHost(ctx: AppContext, host: PluginHost): void {
  hosts.set(ctx, Promise.resolve(host));
}

/** The context's host, loaded (and synced, when `sync` is set) on first use. */
export function pluginHostFor(ctx: AppContext, options: { sync?: boolean } = {}): Promise<PluginHost> {
  let host = hosts.get(ctx);
  if (!host) {
    host = createPluginHost(ctx.database, { logger: ctx.logger, clock: ctx.clock }).then(async (h) => {
      if (options.sync && !h.registry.listError) await h.sync();
      return h;
    });
    hosts.set(ctx, host);
  }
  return host;
}
