import type { Tx } from '@steppingstones/db';
import type { PointType } from './plugin-point-types.ts';
import type { PointRow, SyncLine } from './plugin-sync.plan.ts';

/**
 * Records a loaded plugin's points: new ones start enabled, existing ones keep the admins' flag and get
 * the current title, category and icon, points the plugin no longer has are marked missing.
 */
export async function syncPoints(
  tx: Tx,
  plugin: { rowId: number; pluginId: string; version: string },
  points: PointRow[],
  now: number,
): Promise<SyncLine[]> {
  const lines: SyncLine[] = [];
  const line = (type: PointType, key: string, status: 'ok' | 'missing', enabled: boolean): SyncLine => ({
    kind: 'point',
    pluginId: plugin.pluginId,
    type,
    key,
    version: plugin.version,
    status,
    enabled,
  });
  const existing = await tx
    .selectFrom('plugin_point')
    .selectAll()
    .where('plugin_row_id', '=', plugin.rowId)
    .execute();
  for (const pt of points) {
    const old = existing.find((e) => e.type === pt.type && e.key === pt.key);
    if (old) {
      await tx
        .updateTable('plugin_point')
        .set({ title: pt.title, category: pt.category, icon: pt.icon, status: 'ok', updated_at: now })
        .where('id', '=', old.id)
        .execute();
    } else {
      await tx
        .insertInto('plugin_point')
        .values({
          plugin_row_id: plugin.rowId,
          ...pt,
          status: 'ok',
          enabled: 1,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['plugin_row_id', 'type', 'key']).doNothing())
        .execute();
    }
    lines.push(line(pt.type, pt.key, 'ok', old ? Boolean(old.enabled) : true));
  }
  for (const old of existing) {
    if (points.some((pt) => pt.type === old.type && pt.key === old.key)) continue;
    await tx
      .updateTable('plugin_point')
      .set({ status: 'missing', updated_at: now })
      .where('id', '=', old.id)
      .execute();
    lines.push(line(old.type as PointType, old.key, 'missing', Boolean(old.enabled)));
  }
  return lines;
}

/** The lines of a plugin whose points are recorded already (its version has not changed). */
export async function recordedPointLines(
  tx: Tx,
  plugin: { rowId: number; pluginId: string; version: string },
): Promise<SyncLine[]> {
  const rows = await tx
    .selectFrom('plugin_point')
    .select(['type', 'key', 'status', 'enabled'])
    .where('plugin_row_id', '=', plugin.rowId)
    .orderBy('id')
    .execute();
  const lines = rows.map(
    (r): SyncLine => ({
      kind: 'point',
      pluginId: plugin.pluginId,
      type: r.type as PointType,
      key: r.key,
      version: plugin.version,
      status: r.status === 'missing' ? 'missing' : 'ok',
      enabled: Boolean(r.enabled),
    }),
  );
  // As a full sync lists them: the plugin's points first, then those it no longer has.
  return [...lines.filter((l) => l.status === 'ok'), ...lines.filter((l) => l.status === 'missing')];
}
