import { writeTransaction } from '@steppingstones/db';
import type { PluginAdminDto } from '@steppingstones/shared';
import { NotFoundError, ValidationError } from '../errors.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import { getPluginRecord } from './plugin-admin.queries.ts';

/**
 * Enables or disables a plugin. Every process re-reads the flags within a second (PluginState), so
 * menus, report URLs and the worker follow without a restart; `plugin.changed` tells live clients.
 */
export async function setPluginEnabled(
  ctx: ClockedHandle,
  pluginId: string,
  enabled: boolean,
  actorUserId: number | null = null,
): Promise<PluginAdminDto> {
  const { db } = ctx;
  await writeTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('plugin')
      .select('id')
      .where('plugin_id', '=', pluginId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`The plugin "${pluginId}"`);
    await tx
      .updateTable('plugin')
      .set({ enabled: enabled ? 1 : 0, updated_at: ctx.clock.now() })
      .where('id', '=', row.id)
      .execute();
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'plugin.changed',
      engagementId: null,
      actorUserId,
      payload: { plugin: pluginId, enabled },
    });
  });
  return (await getPluginRecord(db, pluginId))!;
}

/** Enables or disables one point (all points with that key, unless `type` narrows it). */
export async function setPointEnabled(
  ctx: ClockedHandle,
  pluginId: string,
  key: string,
  enabled: boolean,
  options: { type?: string; actorUserId?: number | null } = {},
): Promise<PluginAdminDto> {
  const { db } = ctx;
  await writeTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('plugin')
      .select('id')
      .where('plugin_id', '=', pluginId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`The plugin "${pluginId}"`);
    let q = tx
      .selectFrom('plugin_point')
      .select(['id', 'type'])
      .where('plugin_row_id', '=', row.id)
      .where('key', '=', key);
    if (options.type) q = q.where('type', '=', options.type);
    const points = await q.execute();
    if (!points.length) throw new NotFoundError(`The point "${pluginId}:${key}"`);
    if (new Set(points.map((p) => p.type)).size > 1 && !options.type)
      throw ValidationError.field('type', `"${key}" names points of several types; say which type.`);
    await tx
      .updateTable('plugin_point')
      .set({ enabled: enabled ? 1 : 0, updated_at: ctx.clock.now() })
      .where(
        'id',
        'in',
        points.map((p) => p.id),
      )
      .execute();
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'plugin.changed',
      engagementId: null,
      actorUserId: options.actorUserId ?? null,
      payload: { plugin: pluginId, key, enabled },
    });
  });
  return (await getPluginRecord(db, pluginId))!;
}
