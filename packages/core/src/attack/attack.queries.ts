import { containsText, type DB, startsWithText } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { ATTACK_RELEASE_KEY } from './attack-import.service.ts';

export interface AttackTactic {
  id: string;
  shortname: string;
  name: string;
  matrix_order: number;
  url: string;
  description: string;
  deprecated: boolean;
}

export interface AttackTechniqueSummary {
  id: string;
  parent_id: string | null;
  name: string;
  url: string;
  deprecated: boolean;
}

export interface AttackTechniqueDetail extends AttackTechniqueSummary {
  description: string;
  detection: string;
  platforms: string[];
  tactics: Array<{ id: string; shortname: string; name: string }>;
  subtechniques: AttackTechniqueSummary[];
  mitigations: Array<{ id: string; name: string; url: string; description: string }>;
  detection_strategies: Array<{
    id: string;
    name: string;
    url: string;
    analytics: Array<{ id: string; platforms: string[]; description: string }>;
  }>;
}

const summaryColumns = ['id', 'parent_id', 'name', 'url', 'deprecated'] as const;
const toSummary = (r: {
  id: string;
  parent_id: string | null;
  name: string;
  url: string;
  deprecated: number;
}) => ({
  ...r,
  deprecated: r.deprecated === 1,
});

/** Tactics in Enterprise matrix order (deprecated ones only when asked). */
export async function listTactics(
  db: Kysely<DB>,
  opts: { includeDeprecated?: boolean } = {},
): Promise<AttackTactic[]> {
  let q = db.selectFrom('attack_tactic').selectAll().orderBy('matrix_order').orderBy('id');
  if (!opts.includeDeprecated) q = q.where('deprecated', '=', 0);
  return (await q.execute()).map((t) => ({ ...t, deprecated: t.deprecated === 1 }));
}

/** A tactic by id (`TA0001`) or shortname (`initial-access`). */
export async function findTactic(db: Kysely<DB>, idOrShortname: string): Promise<AttackTactic | undefined> {
  const key = idOrShortname.trim();
  const row = await db
    .selectFrom('attack_tactic')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', key.toUpperCase()), eb('shortname', '=', key.toLowerCase())]))
    .executeTakeFirst();
  return row && { ...row, deprecated: row.deprecated === 1 };
}

export interface TechniqueSearch {
  /** Tactic id or shortname: only techniques under it. */
  tactic?: string;
  /** Matches the id prefix (`T10`, `t1059.0`) or a part of the name, case-insensitively. */
  search?: string;
  /** Include sub-techniques in the results (default: techniques only). */
  includeSubtechniques?: boolean;
  includeDeprecated?: boolean;
  limit?: number;
}

/** Techniques (not sub-techniques unless asked), ordered by name, as the cascading picker lists them. */
export async function listTechniques(
  db: Kysely<DB>,
  opts: TechniqueSearch = {},
): Promise<AttackTechniqueSummary[]> {
  let q = db.selectFrom('attack_technique as t').select(summaryColumns.map((c) => `t.${c}` as const));
  if (opts.tactic) {
    const tactic = await findTactic(db, opts.tactic);
    if (!tactic) throw new NotFoundError(`The ATT&CK tactic ${opts.tactic}`);
    q = q
      .innerJoin('attack_technique_tactic as tt', 'tt.technique_id', 't.id')
      .where('tt.tactic_id', '=', tactic.id);
  }
  if (!opts.includeSubtechniques) q = q.where('t.parent_id', 'is', null);
  if (!opts.includeDeprecated) q = q.where('t.deprecated', '=', 0);
  const search = opts.search?.trim();
  if (search) {
    q = q.where((eb) => eb.or([startsWithText('t.id', search), containsText('t.name', search)]));
  }
  const rows = await q
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(opts.limit ?? 1000)
    .execute();
  return rows.map(toSummary);
}

/** Sub-techniques of a technique, by name. */
export async function listSubtechniques(
  db: Kysely<DB>,
  techniqueId: string,
  opts: { includeDeprecated?: boolean } = {},
): Promise<AttackTechniqueSummary[]> {
  let q = db
    .selectFrom('attack_technique')
    .select(summaryColumns)
    .where('parent_id', '=', techniqueId.trim().toUpperCase());
  if (!opts.includeDeprecated) q = q.where('deprecated', '=', 0);
  return (await q.orderBy('name').orderBy('id').execute()).map(toSummary);
}

/** A technique or sub-technique with its tactics, sub-techniques, mitigations and detection strategies. */
export async function getTechnique(db: Kysely<DB>, id: string): Promise<AttackTechniqueDetail> {
  const key = id.trim().toUpperCase();
  const row = await db.selectFrom('attack_technique').selectAll().where('id', '=', key).executeTakeFirst();
  if (!row) throw new NotFoundError(`The ATT&CK technique ${id}`);
  const [tactics, subtechniques, mitigations, strategies] = await Promise.all([
    db
      .selectFrom('attack_technique_tactic as tt')
      .innerJoin('attack_tactic as a', 'a.id', 'tt.tactic_id')
      .select(['a.id', 'a.shortname', 'a.name'])
      .where('tt.technique_id', '=', key)
      .orderBy('a.matrix_order')
      .execute(),
    row.parent_id ? Promise.resolve([]) : listSubtechniques(db, key),
    db
      .selectFrom('attack_technique_mitigation as tm')
      .innerJoin('attack_mitigation as m', 'm.id', 'tm.mitigation_id')
      .select(['m.id', 'm.name', 'm.url', 'm.description', 'tm.description as how'])
      .where('tm.technique_id', '=', key)
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('attack_technique_detection as td')
      .innerJoin('attack_detection_strategy as s', 's.id', 'td.strategy_id')
      .select(['s.id', 's.name', 's.url'])
      .where('td.technique_id', '=', key)
      .orderBy('s.id')
      .execute(),
  ]);
  const analytics = strategies.length
    ? await db
        .selectFrom('attack_analytic')
        .selectAll()
        .where(
          'strategy_id',
          'in',
          strategies.map((s) => s.id),
        )
        .orderBy('strategy_id')
        .orderBy('position')
        .execute()
    : [];
  return {
    ...toSummary(row),
    description: row.description,
    detection: row.detection,
    platforms: parseList(row.platforms),
    tactics,
    subtechniques,
    // The technique-specific text (how it mitigates this technique) is more useful than the generic one.
    mitigations: mitigations.map((m) => ({
      id: m.id,
      name: m.name,
      url: m.url,
      description: m.how || m.description,
    })),
    detection_strategies: strategies.map((s) => ({
      ...s,
      analytics: analytics
        .filter((a) => a.strategy_id === s.id)
        .map((a) => ({ id: a.id, platforms: parseList(a.platforms), description: a.description })),
    })),
  };
}

/** Names for a set of ids (tactics and techniques), e.g. to label events in a list or a report. */
export async function attackNames(db: Kysely<DB>, ids: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(ids)].filter(Boolean);
  const out = new Map<string, string>();
  if (!all.length) return out;
  const tactics = all.filter((id) => id.startsWith('TA'));
  const techniques = all.filter((id) => !id.startsWith('TA'));
  if (tactics.length) {
    for (const r of await db
      .selectFrom('attack_tactic')
      .select(['id', 'name'])
      .where('id', 'in', tactics)
      .execute())
      out.set(r.id, r.name);
  }
  if (techniques.length) {
    for (const r of await db
      .selectFrom('attack_technique')
      .select(['id', 'name'])
      .where('id', 'in', techniques)
      .execute())
      out.set(r.id, r.name);
  }
  return out;
}

export interface AttackReleaseInfo {
  name: string;
  release: string;
  modified: string;
  license: string;
  source: string;
  imported_at: string;
}

/** What release is loaded (null before the first load). */
export async function attackReleaseInfo(db: Kysely<DB>): Promise<AttackReleaseInfo | null> {
  const row = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', ATTACK_RELEASE_KEY)
    .executeTakeFirst();
  if (!row) return null;
  const v = JSON.parse(row.value) as Partial<AttackReleaseInfo>;
  if (!v.release && !v.name) return null;
  return {
    name: v.name ?? '',
    release: v.release ?? '',
    modified: v.modified ?? '',
    license: v.license ?? '',
    source: v.source ?? '',
    imported_at: v.imported_at ?? '',
  };
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
