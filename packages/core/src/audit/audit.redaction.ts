import type { DB } from '@steppingstones/db';
import type { AuditEntryDto } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';

export const HIDDEN_ENGAGEMENT = '(another engagement)';

/** The engagement codes a principal may see in the audit log, or 'all' (superusers). */
export async function auditVisibleCodes(db: Kysely<DB>, principal: Principal): Promise<Set<string> | 'all'> {
  if (principal.engagementIds === 'all') return 'all';
  if (principal.engagementIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('engagement')
    .select('code')
    .where('id', 'in', [...principal.engagementIds])
    .execute();
  return new Set(rows.map((r) => r.code));
}

function redactDetails(value: unknown, visible: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactDetails(v, visible));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'engagements' && Array.isArray(v))
      out[key] = v.filter((code) => typeof code === 'string' && visible.has(code));
    else if ((key === 'engagement' || key === 'current_engagement') && typeof v === 'string')
      out[key] = visible.has(v) ? v : HIDDEN_ENGAGEMENT;
    else out[key] = redactDetails(v, visible);
  }
  return out;
}

/**
 * The audit log as a viewer who is not a superuser may read it: a user sees only the engagements they
 * belong to, so codes and names of other engagements (in targets and details) are replaced, while the
 * entry itself stays (who did what, when, from where), keeping counts and pages exact.
 */
export function redactAuditEntry(entry: AuditEntryDto, visible: Set<string> | 'all'): AuditEntryDto {
  if (visible === 'all') return entry;
  if (entry.action.startsWith('engagement.') && !visible.has(entry.target))
    return { ...entry, target: HIDDEN_ENGAGEMENT, details: {} };
  return { ...entry, details: redactDetails(entry.details, visible) as Record<string, unknown> };
}
