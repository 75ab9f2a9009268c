import type { BulkEditInput } from '@steppingstones/shared/bulk-edit';

export interface BulkForm {
  addTags: string[];
  removeTags: string[];
  detected: string | null;
  prevented: string | null;
  clearStars: boolean;
}

export const EMPTY_BULK_FORM: BulkForm = {
  addTags: [],
  removeTags: [],
  detected: null,
  prevented: null,
  clearStars: false,
};

/**
 * Which events a bulk request names: the selected ids, or everything under a filter (the grid's query
 * string, e.g. the grid's filter plus `starred=true`). Either way with the count the user saw.
 */
export type BulkTarget = { ids: number[] } | { filterQuery: string };

type Changes = BulkEditInput['changes'];

/** The grid's query string as a bulk filter: without its sort, paging and engagement. */
export function bulkFilter(filterQuery: string): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(filterQuery))
    if (k !== 'sort' && k !== 'engagement' && k !== 'page_size' && k !== 'cursor') filter[k] = v;
  return filter;
}

/** The request for a target; the server refuses if the events it names are not `count` any more. */
export function bulkTargetRequest(
  engagement: string,
  target: BulkTarget,
  count: number,
  changes: Changes,
): BulkEditInput {
  const rows = 'ids' in target ? { ids: target.ids } : { filter: bulkFilter(target.filterQuery) };
  return { engagement, ...rows, expected_count: count, changes };
}

/** Only the changes the user chose in the dialog. */
export function formChanges(form: BulkForm): Changes {
  const changes: Changes = {};
  if (form.addTags.length) changes.add_tags = form.addTags;
  if (form.removeTags.length) changes.remove_tags = form.removeTags;
  if (form.detected) changes.detected = form.detected as NonNullable<Changes['detected']>;
  if (form.prevented) changes.prevented = form.prevented as NonNullable<Changes['prevented']>;
  if (form.clearStars) changes.clear_stars = true;
  return changes;
}

/**
 * The bulk request for "every event the grid shows": the grid's filter (without its sort) and the
 * count the user saw, so the server refuses if the rows changed meanwhile.
 */
export function bulkRequest(
  engagement: string,
  filterQuery: string,
  count: number,
  form: BulkForm,
): BulkEditInput {
  return bulkTargetRequest(engagement, { filterQuery }, count, formChanges(form));
}

export function hasChanges(form: BulkForm): boolean {
  return !!(
    form.addTags.length ||
    form.removeTags.length ||
    form.detected ||
    form.prevented ||
    form.clearStars
  );
}
