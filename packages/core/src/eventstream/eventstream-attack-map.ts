import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';

export interface MappedAttack {
  tactic: string | null;
  technique: string | null;
  subtechnique: string | null;
  warnings: string[];
}

/**
 * A line's ATT&CK ids as an event's: a sub-technique id fills technique and sub-technique, a missing
 * tactic is the technique's first tactic in matrix order; ids unknown to the loaded ATT&CK release (or
 * a technique outside the line's tactic) are left out and reported, never an error.
 */
export async function mapLineAttack(
  db: Kysely<DB>,
  tacticId: string | null,
  techniqueId: string | null,
): Promise<MappedAttack> {
  const warnings: string[] = [];
  let tactic = tacticId?.trim().toUpperCase() || null;
  let technique: string | null = null;
  let subtechnique: string | null = null;
  if (tactic) {
    const row = await db.selectFrom('attack_tactic').select('id').where('id', '=', tactic).executeTakeFirst();
    if (!row) {
      warnings.push(`Unknown ATT&CK tactic ${tactic}: left out`);
      tactic = null;
    }
  }
  const raw = techniqueId?.trim().toUpperCase() || null;
  if (raw) {
    const parent = raw.includes('.') ? (raw.split('.')[0] ?? raw) : raw;
    const rows = await db
      .selectFrom('attack_technique')
      .select(['id', 'parent_id'])
      .where('id', 'in', [...new Set([parent, raw])])
      .execute();
    const found = new Map(rows.map((r) => [r.id, r]));
    if (!found.has(parent) || found.get(parent)?.parent_id)
      warnings.push(`Unknown ATT&CK technique ${raw}: left out`);
    else if (raw !== parent && found.get(raw)?.parent_id !== parent)
      warnings.push(`Unknown ATT&CK sub-technique ${raw}: left out`);
    else {
      technique = parent;
      subtechnique = raw === parent ? null : raw;
    }
  }
  if (technique) {
    const tactics = await db
      .selectFrom('attack_technique_tactic as tt')
      .innerJoin('attack_tactic as ta', 'ta.id', 'tt.tactic_id')
      .select('ta.id')
      .where('tt.technique_id', '=', technique)
      .orderBy('ta.matrix_order')
      .execute();
    if (!tactic) tactic = tactics[0]?.id ?? null;
    else if (!tactics.some((t) => t.id === tactic)) {
      warnings.push(
        `ATT&CK technique ${subtechnique ?? technique} is not under tactic ${tactic}: the technique was left out`,
      );
      technique = null;
      subtechnique = null;
    }
    if (!tactic) {
      warnings.push(`ATT&CK technique ${technique} has no tactic: left out`);
      technique = null;
      subtechnique = null;
    }
  }
  return { tactic, technique, subtechnique, warnings };
}
