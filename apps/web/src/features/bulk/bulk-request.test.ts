import { describe, expect, it } from 'vitest';
import { bulkRequest, bulkTargetRequest, EMPTY_BULK_FORM, hasChanges } from './bulk-request.ts';

describe('bulk edit request', () => {
  it('carries the grid filter without its sort, the count the user saw, and only the chosen changes', () => {
    const body = bulkRequest('ACME-2026', 'starred=true&tag=phish&sort=detected', 12, {
      ...EMPTY_BULK_FORM,
      addTags: ['reviewed'],
      detected: 'FUL',
      clearStars: true,
    });
    expect(body).toEqual({
      engagement: 'ACME-2026',
      filter: { starred: 'true', tag: 'phish' },
      expected_count: 12,
      changes: { add_tags: ['reviewed'], detected: 'FUL', clear_stars: true },
    });
  });

  it('names the selected events by id, or the starred ones under the filter, with the count seen', () => {
    expect(bulkTargetRequest('ACME-2026', { ids: [7, 3] }, 2, { add_tags: ['x'] })).toEqual({
      engagement: 'ACME-2026',
      ids: [7, 3],
      expected_count: 2,
      changes: { add_tags: ['x'] },
    });
    expect(
      bulkTargetRequest('ACME-2026', { filterQuery: 'tag=a,b&starred=true&page_size=1' }, 4, {
        starred: false,
      }),
    ).toEqual({
      engagement: 'ACME-2026',
      filter: { tag: 'a,b', starred: 'true' },
      expected_count: 4,
      changes: { starred: false },
    });
  });

  it('has nothing to send until a change is chosen', () => {
    expect(hasChanges(EMPTY_BULK_FORM)).toBe(false);
    expect(hasChanges({ ...EMPTY_BULK_FORM, prevented: 'NEG' })).toBe(true);
  });
});
