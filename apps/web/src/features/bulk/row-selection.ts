/**
 * The grid's row selection, as plain rules over event ids (no React), so they are unit-tested. The
 * selection is a set of ids, never of row positions: a live refetch that inserts, moves or drops rows
 * leaves the chosen events chosen.
 */
export type Selection = ReadonlySet<number>;

export const NO_SELECTION: Selection = new Set();

/**
 * A click on a row's checkbox. A plain click toggles that row and makes it the anchor; a shift-click
 * gives every row between the anchor and this one (inclusive, in the grid's order) the state the
 * clicked row takes. When the anchor is no longer loaded, a shift-click acts as a plain click.
 */
export function clickRow(
  selection: Selection,
  orderedIds: readonly number[],
  anchor: number | null,
  clicked: number,
  shift: boolean,
): Selection {
  const checked = !selection.has(clicked);
  const next = new Set(selection);
  const from = shift && anchor !== null ? orderedIds.indexOf(anchor) : -1;
  const to = orderedIds.indexOf(clicked);
  const range =
    from >= 0 && to >= 0 ? orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [clicked];
  for (const id of range) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The selected events among the loaded rows, in the grid's order (what the user can see is chosen). */
export function selectedAmong(selection: Selection, orderedIds: readonly number[]): number[] {
  return selection.size ? orderedIds.filter((id) => selection.has(id)) : [];
}

/** The header checkbox: everything loaded, part of it, or nothing. */
export function headerState(selection: Selection, orderedIds: readonly number[]): 'all' | 'some' | 'none' {
  const n = selectedAmong(selection, orderedIds).length;
  if (n === 0) return 'none';
  return n === orderedIds.length ? 'all' : 'some';
}

/** The header checkbox's click: select every loaded row, or clear when all are already selected. */
export function toggleAllLoaded(selection: Selection, orderedIds: readonly number[]): Selection {
  return headerState(selection, orderedIds) === 'all' ? NO_SELECTION : new Set(orderedIds);
}
