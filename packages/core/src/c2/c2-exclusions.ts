import type { DB } from '@steppingstones/db';
import { type Kysely, type SqlBool, sql } from 'kysely';

/** The session fields an exclusion matches on (the original's "exclude sessions like this"). */
export const C2_EXCLUSION_FIELDS = ['id', 'user', 'computer', 'process', 'internal', 'external'] as const;
export type C2ExclusionField = (typeof C2_EXCLUSION_FIELDS)[number];

/** The session column each field compares with (case-insensitively; `id` exactly). */
export const EXCLUSION_COLUMN: Record<C2ExclusionField, string> = {
  id: 's.id',
  user: 's.user',
  computer: 's.host',
  process: 's.process',
  internal: 's.internal',
  external: 's.external',
};

/** The value a session has for a field, as an exclusion stores it. */
export function sessionValue(
  s: { id: number; user: string; host: string; process: string; internal: string; external: string },
  field: C2ExclusionField,
): string {
  if (field === 'id') return String(s.id);
  return field === 'computer' ? s.host : s[field];
}

/**
 * Ids of the engagement's sessions some exclusion matches: every list, report and webhook leaves them
 * out. Sessions are few (thousands), so the lists filter by id and stay on their indexes.
 */
export async function excludedSessionIds(db: Kysely<DB>, engagementId: number): Promise<number[]> {
  const rules = await db
    .selectFrom('c2_exclusion')
    .select(['field', 'value'])
    .where('engagement_id', '=', engagementId)
    .execute();
  if (rules.length === 0) return [];
  const matches = rules.map((r) => {
    const field = r.field as C2ExclusionField;
    if (field === 'id') return sql`s.id = ${Number(r.value) || 0}`;
    return sql`lower(${sql.ref(EXCLUSION_COLUMN[field])}) = ${r.value.toLowerCase()}`;
  });
  const rows = await db
    .selectFrom('c2_session as s')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select('s.id')
    .where('sv.engagement_id', '=', engagementId)
    .where(sql<boolean>`(${sql.join(matches, sql` or `)})`)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** A where clause leaving out the excluded sessions (`s` is the session alias); true when none. */
export function notExcluded(ids: readonly number[]) {
  return ids.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`s.id not in (${sql.join([...ids])})`;
}
