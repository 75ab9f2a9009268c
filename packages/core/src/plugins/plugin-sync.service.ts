import { type DB, nowMs, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { appendDomainEvent } from '../outbox/index.ts';
import { POINT_TYPES, type PointType } from './plugin-point-types.ts';
import type { AnyPoint, PluginRegistry } from './plugin-registry.ts';
import { pointsOf } from './plugin-registry.ts';

export interface SyncLine {
  kind: 'plugin' | 'point';
  pluginId: string;
  type?: PointType;
  key?: string;
  version: string;
  status: 'ok' | 'failed' | 'missing';
  enabled: boolean;
  error?: string | null;
}

interface PointRow {
  type: PointType;
  key: string;
  title: string;
  category: string;
  icon: string;
}

function pointRow(type: PointType, p: AnyPoint): PointRow {
  const m = p as Partial<{ title: string; category: string; icon: string }>;
  return { type, key: p.key, title: m.title ?? '', category: m.category ?? '', icon: m.icon ?? '' };
}

/**
 * Records the registry in the database: new plugins and points start enabled, admins' enabled flags
 * are kept, failed plugins keep their rows with the error, uninstalled ones are marked missing (never
 * deleted, so history and jobs keep their names). Run at server start and by `plugins sync`.
 */
export async function syncPlugins(db: Kysely<DB>, registry: PluginRegistry): Promise<SyncLine[]> {
  return writeTransaction(db, async (tx) => {
    const now = nowMs();
    const seen = new Set<string>();
    const wanted: Array<{
      pluginId: string;
      package: string;
      name: string;
      version: string;
      description: string;
      status: 'ok' | 'failed';
      error: string | null;
      position: number;
      points: PointRow[] | null;
    }> = [];
    for (const p of registry.plugins) {
      const d = p.definition;
      wanted.push({
        pluginId: d.id,
        package: p.package,
        name: d.name,
        version: d.version,
        description: d.description,
        status: 'ok',
        error: null,
        position: p.position,
        points: POINT_TYPES.flatMap((t) => pointsOf(d, t).map((pt) => pointRow(t, pt))),
      });
    }
    for (const f of registry.failures) {
      // A failure without an id (import error) is recorded under its package name, so admins see it.
      const pluginId = f.pluginId ?? f.package;
      if (wanted.some((w) => w.pluginId === pluginId)) continue;
      wanted.push({
        pluginId,
        package: f.package,
        name: '',
        version: f.version ?? '',
        description: '',
        status: 'failed',
        error: f.error,
        position: f.position,
        points: null,
      });
    }

    const lines: SyncLine[] = [];
    for (const w of wanted) {
      seen.add(w.pluginId);
      let row = await tx
        .selectFrom('plugin')
        .selectAll()
        .where('plugin_id', '=', w.pluginId)
        .executeTakeFirst();
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
      if (row) {
        await tx.updateTable('plugin').set(values).where('id', '=', row.id).execute();
      } else {
        await tx
          .insertInto('plugin')
          .values({
            plugin_id: w.pluginId,
            name: w.name,
            version: w.version,
            description: w.description,
            enabled: 1,
            created_at: now,
            ...values,
          })
          // Several servers may start (and sync) at once on PostgreSQL: the first insert wins.
          .onConflict((oc) => oc.column('plugin_id').doNothing())
          .execute();
      }
      row = await tx
        .selectFrom('plugin')
        .selectAll()
        .where('plugin_id', '=', w.pluginId)
        .executeTakeFirstOrThrow();
      lines.push({
        kind: 'plugin',
        pluginId: w.pluginId,
        version: row.version,
        status: w.status,
        enabled: Boolean(row.enabled),
        error: w.error,
      });
      if (!w.points) continue;

      const existing = await tx
        .selectFrom('plugin_point')
        .selectAll()
        .where('plugin_row_id', '=', row.id)
        .execute();
      for (const pt of w.points) {
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
              plugin_row_id: row.id,
              ...pt,
              status: 'ok',
              enabled: 1,
              created_at: now,
              updated_at: now,
            })
            .onConflict((oc) => oc.columns(['plugin_row_id', 'type', 'key']).doNothing())
            .execute();
        }
        lines.push({
          kind: 'point',
          pluginId: w.pluginId,
          type: pt.type,
          key: pt.key,
          version: row.version,
          status: 'ok',
          enabled: old ? Boolean(old.enabled) : true,
        });
      }
      for (const old of existing) {
        if (w.points.some((pt) => pt.type === old.type && pt.key === old.key)) continue;
        await tx
          .updateTable('plugin_point')
          .set({ status: 'missing', updated_at: now })
          .where('id', '=', old.id)
          .execute();
        lines.push({
          kind: 'point',
          pluginId: w.pluginId,
          type: old.type as PointType,
          key: old.key,
          version: row.version,
          status: 'missing',
          enabled: Boolean(old.enabled),
        });
      }
    }

    // A package that could not be imported was recorded under its package name (its id was unknown).
    // Once it loads under its own id that placeholder stands for nothing (it never had points, so no
    // job or history names it) and would show a stale "run npm install" error forever: drop it.
    const superseded = registry.plugins.map((p) => p.package).filter((pkg) => !seen.has(pkg));
    if (superseded.length)
      await tx
        .deleteFrom('plugin')
        .where('plugin_id', 'in', superseded)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('plugin_point')
                .select('plugin_point.id')
                .whereRef('plugin_row_id', '=', 'plugin.id'),
            ),
          ),
        )
        .execute();

    const others = await tx.selectFrom('plugin').selectAll().execute();
    for (const row of others) {
      if (seen.has(row.plugin_id)) continue;
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
      lines.push({
        kind: 'plugin',
        pluginId: row.plugin_id,
        version: row.version,
        status: 'missing',
        enabled: Boolean(row.enabled),
        error: row.last_error,
      });
    }
    await appendDomainEvent(tx, { type: 'plugin.changed', engagementId: null, payload: { reason: 'sync' } });
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
