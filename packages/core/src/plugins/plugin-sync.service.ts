import { type Tx, writeTransaction } from '@steppingstones/db';
import { appendDomainEvent } from '../outbox/index.ts';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import type { PluginRegistry } from './plugin-registry.ts';
import { type PointRow, type SyncLine, type WantedPlugin, wantedPlugins } from './plugin-sync.plan.ts';
import { recordedPointLines, syncPoints } from './plugin-sync.points.ts';

export type { SyncLine } from './plugin-sync.plan.ts';

type PluginRow = { id: number; version: string; status: string; enabled: number } & Record<string, unknown>;

/** True when the stored row already says what `w` says: same version, loaded, nothing else changed. */
function unchanged(row: PluginRow, w: WantedPlugin): boolean {
  return (
    w.status === 'ok' &&
    row.status === 'ok' &&
    row.version === w.version &&
    row.package === w.package &&
    row.name === w.name &&
    row.description === w.description &&
    Number(row.position) === w.position &&
    row.last_error === null
  );
}

async function samePoints(tx: Tx, rowId: number, points: PointRow[]): Promise<boolean> {
  const stored = await tx
    .selectFrom('plugin_point')
    .select(['type', 'key', 'title', 'category', 'icon', 'status'])
    .where('plugin_row_id', '=', rowId)
    .execute();
  const key = (p: Omit<PointRow, 'type'> & { type: string }) =>
    JSON.stringify([p.type, p.key, p.title, p.category, p.icon]);
  const recorded = new Set(stored.filter((p) => p.status === 'ok').map(key));
  return (
    stored.every((p) => p.status === 'ok') &&
    points.length === recorded.size &&
    points.every((p) => recorded.has(key(p)))
  );
}

/**
 * Plugins that start switched off when first recorded: the example plugin shows how to write one, and
 * its reports would crowd a real engagement's menus until an admin asks for them.
 */
export const STARTS_DISABLED: ReadonlySet<string> = new Set(['example-reports']);

/** Inserts or updates one plugin's row (admins' enabled flag kept); returns the row as stored. */
async function upsertPlugin(tx: Tx, w: WantedPlugin, now: number): Promise<PluginRow> {
  const values = {
    package: w.package,
    status: w.status,
    last_error: w.error,
    position: w.position,
    updated_at: now,
    synced_at: now,
    ...(w.status === 'ok' ? { name: w.name, version: w.version, description: w.description } : {}),
    ...(w.status === 'failed' && w.version ? { version: w.version } : {}),
  };
  const updated = await tx
    .updateTable('plugin')
    .set(values)
    .where('plugin_id', '=', w.pluginId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await tx
      .insertInto('plugin')
      .values({
        plugin_id: w.pluginId,
        name: w.name,
        version: w.version,
        description: w.description,
        enabled: STARTS_DISABLED.has(w.pluginId) ? 0 : 1,
        created_at: now,
        ...values,
      })
      // Several servers may start (and sync) at once on PostgreSQL: the first insert wins.
      .onConflict((oc) => oc.column('plugin_id').doNothing())
      .execute();
  }
  return tx.selectFrom('plugin').selectAll().where('plugin_id', '=', w.pluginId).executeTakeFirstOrThrow();
}

/** One listed plugin: its row and its points, or only a timestamp when its version has not changed. */
async function syncOne(tx: Tx, w: WantedPlugin, now: number): Promise<SyncLine[]> {
  const stored = await tx
    .selectFrom('plugin')
    .selectAll()
    .where('plugin_id', '=', w.pluginId)
    .executeTakeFirst();
  // Same version and details, and the same points recorded (a plugin in development may add one
  // without a new version): nothing to write but the time of the sync.
  const skip =
    stored !== undefined && unchanged(stored, w) && (await samePoints(tx, Number(stored.id), w.points ?? []));
  const row = skip ? stored : await upsertPlugin(tx, w, now);
  if (skip) await tx.updateTable('plugin').set({ synced_at: now }).where('id', '=', row.id).execute();
  const plugin = { rowId: Number(row.id), pluginId: w.pluginId, version: row.version };
  const head: SyncLine = {
    kind: 'plugin',
    pluginId: w.pluginId,
    version: row.version,
    status: w.status,
    enabled: Boolean(row.enabled),
    error: w.error,
  };
  if (!w.points) return [head];
  return [
    head,
    ...(skip ? await recordedPointLines(tx, plugin) : await syncPoints(tx, plugin, w.points, now)),
  ];
}

/**
 * A package that could not be imported was recorded under its package name (its id was unknown). Once
 * it loads under its own id that placeholder stands for nothing (it never had points, so no job or
 * history names it) and would show a stale "run npm install" error forever: drop it.
 */
async function dropSupersededPlaceholders(
  tx: Tx,
  registry: PluginRegistry,
  seen: Set<string>,
): Promise<void> {
  const superseded = registry.plugins.map((p) => p.package).filter((pkg) => !seen.has(pkg));
  if (!superseded.length) return;
  await tx
    .deleteFrom('plugin')
    .where('plugin_id', 'in', superseded)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('plugin_point').select('plugin_point.id').whereRef('plugin_row_id', '=', 'plugin.id'),
        ),
      ),
    )
    .execute();
}

/** Plugins no longer listed: marked missing with their points, never deleted. */
async function markUnlisted(tx: Tx, seen: Set<string>, now: number): Promise<SyncLine[]> {
  const lines: SyncLine[] = [];
  for (const row of await tx.selectFrom('plugin').selectAll().execute()) {
    if (seen.has(row.plugin_id)) continue;
    if (row.status !== 'missing') {
      await tx
        .updateTable('plugin')
        .set({ status: 'missing', updated_at: now, synced_at: now })
        .where('id', '=', row.id)
        .execute();
      await tx
        .updateTable('plugin_point')
        .set({ status: 'missing', updated_at: now })
        .where('plugin_row_id', '=', row.id)
        .execute();
    }
    lines.push({
      kind: 'plugin',
      pluginId: row.plugin_id,
      version: row.version,
      status: 'missing',
      enabled: Boolean(row.enabled),
      error: row.last_error,
    });
  }
  return lines;
}

/**
 * Records the registry in the database: new plugins and points start enabled, admins' enabled flags
 * are kept, failed plugins keep their rows with the error, uninstalled ones are marked missing (never
 * deleted, so history and jobs keep their names). A plugin whose version and details have not changed
 * since the last sync keeps its rows as they are. Run at server start and by `plugins sync`.
 */
export async function syncPlugins(ctx: ClockedHandle, registry: PluginRegistry): Promise<SyncLine[]> {
  return writeTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const wanted = wantedPlugins(registry);
    const seen = new Set(wanted.map((w) => w.pluginId));
    const lines: SyncLine[] = [];
    for (const w of wanted) lines.push(...(await syncOne(tx, w, now)));
    await dropSupersededPlaceholders(tx, registry, seen);
    lines.push(...(await markUnlisted(tx, seen, now)));
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'plugin.changed',
      engagementId: null,
      payload: { reason: 'sync' },
    });
    return lines;
  });
}

/** One line per plugin and per point, each with its id, version and status, as `plugins sync` prints them. */
export function formatSyncLine(l: SyncLine): string {
  const state = `${l.status}${l.status === 'ok' && !l.enabled ? ' (disabled)' : ''}`;
  if (l.kind === 'plugin')
    return `plugin ${l.pluginId} ${l.version || '-'} ${state}${l.error ? `: ${l.error}` : ''}`;
  return `  ${l.type} ${l.pluginId}:${l.key} ${l.version || '-'} ${state}`;
}
