import type { DB } from '@steppingstones/db';
import { type PluginAdminDto, toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { POINT_TYPES } from './plugin-point-types.ts';
import type { PluginRegistry } from './plugin-registry.ts';

/**
 * A point declared `hidden` (an old key kept so bookmarks still open it): it is the same report as its
 * visible twin, so Admin → Plugins lists it once, under the visible key.
 */
export function hiddenPointsOf(registry: PluginRegistry): Set<string> {
  const hidden = new Set<string>();
  for (const type of POINT_TYPES)
    for (const { plugin, point } of registry.points(type))
      if ('hidden' in point && point.hidden) hidden.add(`${plugin.definition.id}/${type}/${point.key}`);
  return hidden;
}

/**
 * Every plugin ever synced, in list order (missing ones last), with its points: Admin → Plugins.
 * `hidden` (from `hiddenPointsOf`) names points to leave out of the list.
 */
export async function listPluginRecords(
  db: Kysely<DB>,
  hidden: ReadonlySet<string> = new Set(),
): Promise<PluginAdminDto[]> {
  const plugins = await db
    .selectFrom('plugin')
    .selectAll()
    .orderBy('position')
    .orderBy('plugin_id')
    .execute();
  const points = await db.selectFrom('plugin_point').selectAll().orderBy('type').orderBy('key').execute();
  const dtos = plugins.map((p) => {
    const enabled = Boolean(p.enabled);
    return {
      id: p.plugin_id,
      package: p.package,
      name: p.name,
      version: p.version,
      description: p.description,
      status: p.status,
      enabled,
      state: p.status === 'ok' && !enabled ? ('disabled' as const) : p.status,
      last_error: p.last_error,
      synced_at: toIsoUtc(Number(p.synced_at)),
      points: points
        .filter((pt) => Number(pt.plugin_row_id) === Number(p.id))
        .filter((pt) => !hidden.has(`${p.plugin_id}/${pt.type}/${pt.key}`))
        .map((pt) => ({
          type: pt.type,
          key: pt.key,
          title: pt.title,
          category: pt.category,
          icon: pt.icon,
          status: pt.status,
          enabled: Boolean(pt.enabled),
        })),
    };
  });
  return [...dtos.filter((d) => d.status !== 'missing'), ...dtos.filter((d) => d.status === 'missing')];
}

export async function getPluginRecord(db: Kysely<DB>, pluginId: string): Promise<PluginAdminDto | undefined> {
  return (await listPluginRecords(db)).find((p) => p.id === pluginId);
}
