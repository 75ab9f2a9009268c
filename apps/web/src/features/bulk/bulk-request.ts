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
 * The bulk request for "every event the grid shows": the grid's filter (without its sort) and the
 * count the user saw, so the server refuses if the rows changed meanwhile.
 */
export function bulkRequest(
  engagement: string,
  filterQuery: string,
  count: number,
  form: BulkForm,
): BulkEditInput {
  const filter: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(filterQuery))
    if (k !== 'sort' && k !== 'engagement') filter[k] = v;
  const changes: BulkEditInput['changes'] = {};
  if (form.addTags.length) changes.add_tags = form.addTags;
  if (form.removeTags.length) changes.remove_tags = form.removeTags;
  if (form.detected) changes.detected = form.detected as NonNullable<BulkEditInput['changes']['detected']>;
  if (form.prevented)
    changes.prevented = form.prevented as NonNullable<BulkEditInput['changes']['prevented']>;
  if (form.clearStars) changes.clear_stars = true;
  return { engagement, filter, expected_count: count, changes };
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
