/**
 * Three-way comparison for a save that lost the race: `base` is the version the user started from,
 * `mine` what they are saving, `theirs` what the server holds now. Values are plain data (the caller
 * projects each field onto what it would write), compared by content.
 */

export type Side = 'mine' | 'theirs';

/** Who moved the field away from the base: only the user, only the other side, or both (differently). */
export type ChangedBy = 'mine' | 'theirs' | 'both';

export interface FieldDifference<K extends string> {
  field: K;
  changedBy: ChangedBy;
}

export type Choices<K extends string> = Partial<Record<K, Side>>;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * The fields on which mine and theirs disagree, in the order of `fields`. A field both sides set to the
 * same value is not a difference, whatever the base was.
 */
export function diffThreeWay<K extends string>(
  fields: readonly K[],
  base: Record<K, unknown>,
  mine: Record<K, unknown>,
  theirs: Record<K, unknown>,
): FieldDifference<K>[] {
  const out: FieldDifference<K>[] = [];
  for (const field of fields) {
    if (sameValue(mine[field], theirs[field])) continue;
    const mineMoved = !sameValue(base[field], mine[field]);
    const theirsMoved = !sameValue(base[field], theirs[field]);
    const changedBy: ChangedBy = mineMoved && theirsMoved ? 'both' : mineMoved ? 'mine' : 'theirs';
    out.push({ field, changedBy });
  }
  return out;
}

/**
 * The pre-selected side of each difference: a field only one side changed keeps that change (taking
 * it loses nothing of the other's). A field both changed has no default: the user must choose.
 */
export function initialChoices<K extends string>(diffs: readonly FieldDifference<K>[]): Choices<K> {
  const choices: Choices<K> = {};
  for (const d of diffs) if (d.changedBy !== 'both') choices[d.field] = d.changedBy;
  return choices;
}

/** Every difference set to one side ("keep all mine" / "take all theirs"). */
export function chooseAll<K extends string>(diffs: readonly FieldDifference<K>[], side: Side): Choices<K> {
  const choices: Choices<K> = {};
  for (const d of diffs) choices[d.field] = side;
  return choices;
}

/** The differences still waiting for a choice. */
export function unresolvedFields<K extends string>(
  diffs: readonly FieldDifference<K>[],
  choices: Choices<K>,
): K[] {
  return diffs.filter((d) => !choices[d.field]).map((d) => d.field);
}
