import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { type FieldProblem, ValidationError } from '../errors.ts';

/** The ATT&CK part of an event, as MITRE ids (null or empty = not set). */
export interface AttackSelectionInput {
  tactic_id?: string | null;
  technique_id?: string | null;
  subtechnique_id?: string | null;
}

export interface AttackSelection {
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
}

/** The API field names the messages are attached to (§17 of the reference; same in the UI). */
export const ATTACK_FIELDS = {
  tactic: 'mitre_attack_tactic',
  technique: 'mitre_attack_technique',
  subtechnique: 'mitre_attack_subtechnique',
} as const;

export const ATTACK_MESSAGES = {
  techniqueWithoutTactic: "Can't define a MITRE ATT&CK Technique without a Tactic",
  techniqueNotInTactic: 'MITRE ATT&CK Technique is not associated with Tactic',
  subtechniqueWithoutTechnique: "Can't define a MITRE ATT&CK Subtechnique without a Technique",
  subtechniqueNotInTechnique: 'MITRE ATT&CK Subtechnique is not associated with Technique',
} as const;

/**
 * Checks and normalises an ATT&CK selection; throws a ValidationError naming each bad field.
 * - ids are trimmed and upper-cased; '' means not set;
 * - a sub-technique id given as the technique (`T1059.001`, as EventStream and Cobalt Strike send
 *   it) becomes technique `T1059` + sub-technique `T1059.001`;
 * - unknown ids are rejected ("Unknown ATT&CK tactic TA9999");
 * - the four consistency rules of the original apply; a tactic on its own is valid.
 * Deprecated ids stay valid, so old events can still be edited after a newer release is imported.
 */
export async function validateAttackSelection(
  db: Kysely<DB>,
  input: AttackSelectionInput,
): Promise<AttackSelection> {
  const tactic = norm(input.tactic_id);
  let technique = norm(input.technique_id);
  let sub = norm(input.subtechnique_id);
  const problems: FieldProblem[] = [];

  if (technique?.includes('.')) {
    if (!sub || sub === technique) {
      sub = technique;
      technique = technique.split('.')[0] ?? technique;
    } else {
      problems.push({
        field: ATTACK_FIELDS.subtechnique,
        message: ATTACK_MESSAGES.subtechniqueNotInTechnique,
      });
    }
  }
  if (problems.length) throw new ValidationError(problems);

  const ids = [technique, sub].filter((x): x is string => !!x);
  const rows = ids.length
    ? await db.selectFrom('attack_technique').select(['id', 'parent_id']).where('id', 'in', ids).execute()
    : [];
  const found = new Map(rows.map((r) => [r.id, r]));
  if (tactic) {
    const row = await db.selectFrom('attack_tactic').select('id').where('id', '=', tactic).executeTakeFirst();
    if (!row) problems.push({ field: ATTACK_FIELDS.tactic, message: `Unknown ATT&CK tactic ${tactic}` });
  }
  if (technique && found.get(technique)?.parent_id !== null) {
    problems.push({ field: ATTACK_FIELDS.technique, message: `Unknown ATT&CK technique ${technique}` });
  }
  if (sub && !found.get(sub)?.parent_id) {
    problems.push({ field: ATTACK_FIELDS.subtechnique, message: `Unknown ATT&CK sub-technique ${sub}` });
  }
  if (problems.length) throw new ValidationError(problems);

  if (technique && !tactic) {
    problems.push({ field: ATTACK_FIELDS.technique, message: ATTACK_MESSAGES.techniqueWithoutTactic });
  } else if (technique && tactic) {
    const link = await db
      .selectFrom('attack_technique_tactic')
      .select('tactic_id')
      .where('technique_id', '=', technique)
      .where('tactic_id', '=', tactic)
      .executeTakeFirst();
    if (!link)
      problems.push({ field: ATTACK_FIELDS.technique, message: ATTACK_MESSAGES.techniqueNotInTactic });
  }
  if (sub && !technique) {
    problems.push({
      field: ATTACK_FIELDS.subtechnique,
      message: ATTACK_MESSAGES.subtechniqueWithoutTechnique,
    });
  } else if (sub && found.get(sub)?.parent_id !== technique) {
    problems.push({ field: ATTACK_FIELDS.subtechnique, message: ATTACK_MESSAGES.subtechniqueNotInTechnique });
  }
  if (problems.length) throw new ValidationError(problems);
  return { tactic_id: tactic, technique_id: technique, subtechnique_id: sub };
}

function norm(id: string | null | undefined): string | null {
  const v = id?.trim().toUpperCase();
  return v ? v : null;
}
