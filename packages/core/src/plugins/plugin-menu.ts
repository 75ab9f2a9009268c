import type { PluginMenuItemDto } from '@steppingstones/shared';
import { z } from 'zod';
import { hasPermission, type PermissionCode, type Principal } from '../permissions/index.ts';
import type {
  ValidatedC2SourcePoint,
  ValidatedReportPoint,
  ValidatedSourcePoint,
} from './plugin-definition.schema.ts';
import { BASE_PERMISSION, type MenuPointType } from './plugin-point-types.ts';
import type { PluginRegistry } from './plugin-registry.ts';
import type { PluginState } from './plugin-state.ts';

type MenuPoint = ValidatedReportPoint | ValidatedSourcePoint | ValidatedC2SourcePoint;

/** The permissions a point needs: its area's base permission plus its own `requires`. */
export function requiredPermissions(type: MenuPointType, point: MenuPoint): PermissionCode[] {
  return [...new Set([BASE_PERMISSION[type], ...(point.requires as PermissionCode[])])];
}

export function mayUsePoint(principal: Principal, type: MenuPointType, point: MenuPoint): boolean {
  return requiredPermissions(type, point).every((code) => hasPermission(principal, code));
}

/** The parameters as JSON Schema (with defaults), for the UI's parameter form. */
export function paramsJsonSchema(point: MenuPoint): Record<string, unknown> {
  // C2 sources take no parameters.
  if (!('paramsSchema' in point) || !point.paramsSchema) return { type: 'object', properties: {} };
  try {
    const schema = z.toJSONSchema(point.paramsSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    delete schema.$schema;
    return schema;
  } catch {
    return { type: 'object', properties: {} };
  }
}

/**
 * The menu entries of one type the principal may run: loaded, plugin and point enabled, every required
 * permission held; sorted by category then title (as the original's menus).
 */
export async function listMenuItems(
  registry: PluginRegistry,
  state: PluginState,
  principal: Principal,
  type: MenuPointType,
): Promise<PluginMenuItemDto[]> {
  const items: PluginMenuItemDto[] = [];
  for (const { plugin, point } of registry.points(type)) {
    const p = point as MenuPoint;
    if (p.hidden) continue; // reachable by URL only (e.g. an old, bookmarked key)
    if (!(await state.isEnabled(plugin.definition.id, type, p.key))) continue;
    if (!mayUsePoint(principal, type, p)) continue;
    items.push({
      type,
      plugin: plugin.definition.id,
      key: p.key,
      title: p.title,
      category: p.category,
      icon: p.icon,
      description: p.description,
      output: 'output' in p ? p.output : null,
      opens_in: ('opensIn' in p && p.opensIn) || null,
      params: paramsJsonSchema(p),
    });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return items.sort((a, b) => cmp(a.category, b.category) || cmp(a.title, b.title));
}
