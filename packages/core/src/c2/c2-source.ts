import type { AppContext } from '../app-context.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { ValidatedC2SourcePoint } from '../plugins/plugin-definition.schema.ts';
import { pluginHostFor } from '../plugins/plugin-host.ts';
import { mayUsePoint, requiredPermissions } from '../plugins/plugin-menu.ts';

/** A C2 source plugin's point, as the import runs it. */
export interface C2Source {
  pluginId: string;
  point: ValidatedC2SourcePoint;
}

/** The enabled C2 sources (`c2-source` points) the principal may use, in plugin order. */
export async function listC2Sources(ctx: AppContext, principal: Principal): Promise<C2Source[]> {
  const host = await pluginHostFor(ctx);
  const out: C2Source[] = [];
  for (const { plugin, point } of host.registry.points('c2-source')) {
    const p = point as ValidatedC2SourcePoint;
    if (!(await host.state.isEnabled(plugin.definition.id, 'c2-source', p.key))) continue;
    if (mayUsePoint(principal, 'c2-source', p)) out.push({ pluginId: plugin.definition.id, point: p });
  }
  return out;
}

/**
 * The adapter an import names: a C2 source's key (`cobalt-strike-logs`), or `PLUGIN:KEY` when two
 * plugins use the same key. Unknown or disabled names are a 400 listing the known ones.
 */
export async function findC2Source(
  ctx: AppContext,
  principal: Principal,
  name: string | undefined,
): Promise<C2Source> {
  const host = await pluginHostFor(ctx);
  const wanted = (name ?? '').trim();
  const [pluginId, key] = wanted.includes(':') ? wanted.split(':', 2) : [undefined, wanted];
  const enabled: C2Source[] = [];
  for (const { plugin, point } of host.registry.points('c2-source')) {
    const p = point as ValidatedC2SourcePoint;
    if (await host.state.isEnabled(plugin.definition.id, 'c2-source', p.key))
      enabled.push({ pluginId: plugin.definition.id, point: p });
  }
  const found = enabled.find((s) => s.point.key === key && (!pluginId || s.pluginId === pluginId));
  if (!found) {
    const known = enabled.map((s) => s.point.key);
    throw ValidationError.field(
      'adapter',
      known.length
        ? `must be one of ${known.join(', ')}`
        : 'no C2 source is installed and enabled (plugin c2-sources)',
    );
  }
  if (!mayUsePoint(principal, 'c2-source', found.point))
    throw new ForbiddenError(
      `You need the permissions ${requiredPermissions('c2-source', found.point).join(', ')} to use the adapter "${found.point.key}".`,
    );
  return found;
}
