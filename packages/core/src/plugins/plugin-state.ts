import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';

/** How long a process trusts its copy of the enabled flags: a toggle applies everywhere within this. */
export const PLUGIN_STATE_TTL_MS = 500;

export interface PluginStateSnapshot {
  /** Plugin ids with enabled = 0. */
  disabledPlugins: Set<string>;
  /** `<pluginId>/<type>/<key>` of points with enabled = 0. */
  disabledPoints: Set<string>;
}

/**
 * The admins' enabled flags, re-read from the database at most every PLUGIN_STATE_TTL_MS, so a change
 * made by any server, worker or CLI applies in every process within a second, with no restart and no
 * message bus (the tables are tiny). Rows that do not exist yet (never synced) count as enabled.
 */
export class PluginState {
  private snapshot: PluginStateSnapshot | undefined;
  private readAt = 0;
  private pending: Promise<PluginStateSnapshot> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs = PLUGIN_STATE_TTL_MS,
    /** The clock the copy ages by (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<PluginStateSnapshot> {
    if (this.snapshot && this.now() - this.readAt < this.ttlMs) return this.snapshot;
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget the cached flags (after this process changed them). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  async isEnabled(pluginId: string, type?: string, key?: string): Promise<boolean> {
    const s = await this.current();
    if (s.disabledPlugins.has(pluginId)) return false;
    return type === undefined || !s.disabledPoints.has(`${pluginId}/${type}/${key}`);
  }

  private async read(): Promise<PluginStateSnapshot> {
    const startedAt = this.now();
    const plugins = await this.db
      .selectFrom('plugin')
      .select(['plugin_id', 'enabled'])
      .where('enabled', '=', 0)
      .execute();
    const points = await this.db
      .selectFrom('plugin_point')
      .innerJoin('plugin', 'plugin.id', 'plugin_point.plugin_row_id')
      .select(['plugin.plugin_id', 'plugin_point.type', 'plugin_point.key'])
      .where('plugin_point.enabled', '=', 0)
      .execute();
    this.snapshot = {
      disabledPlugins: new Set(plugins.map((p) => p.plugin_id)),
      disabledPoints: new Set(points.map((p) => `${p.plugin_id}/${p.type}/${p.key}`)),
    };
    this.readAt = startedAt;
    return this.snapshot;
  }
}
