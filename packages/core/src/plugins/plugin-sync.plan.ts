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

export interface PointRow {
  type: PointType;
  key: string;
  title: string;
  category: string;
  icon: string;
}

/** What the database should say about one listed plugin: loaded (with its points) or failed. */
export interface WantedPlugin {
  pluginId: string;
  package: string;
  name: string;
  version: string;
  description: string;
  status: 'ok' | 'failed';
  error: string | null;
  position: number;
  /** Null for a plugin that failed to load: its points are unknown, their rows stay as they are. */
  points: PointRow[] | null;
}

function pointRow(type: PointType, p: AnyPoint): PointRow {
  const m = p as Partial<{ title: string; category: string; icon: string }>;
  return { type, key: p.key, title: m.title ?? '', category: m.category ?? '', icon: m.icon ?? '' };
}

/** The registry as rows to write: loaded plugins first, then failures not already listed. */
export function wantedPlugins(registry: PluginRegistry): WantedPlugin[] {
  const wanted: WantedPlugin[] = registry.plugins.map((p) => {
    const d = p.definition;
    return {
      pluginId: d.id,
      package: p.package,
      name: d.name,
      version: d.version,
      description: d.description,
      status: 'ok',
      error: null,
      position: p.position,
      points: POINT_TYPES.flatMap((t) => pointsOf(d, t).map((pt) => pointRow(t, pt))),
    };
  });
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
  return wanted;
}
