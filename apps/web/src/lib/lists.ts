/** The API's list envelope (see packages/shared/src/pagination.ts). */
export interface ListEnvelope<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Accepts either a bare array or the list envelope, so a page works with both shapes. */
export function listItems<T>(data: T[] | ListEnvelope<T> | undefined | null): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.results;
}

/**
 * Every item of a (small) collection: follows `next` links, up to a sane number of pages. Use for
 * admin lists (users, engagements); big collections page in the UI instead.
 */
export async function fetchAllPages<T>(
  first: string,
  get: (path: string) => Promise<T[] | ListEnvelope<T>>,
  maxPages = 50,
): Promise<T[]> {
  const items: T[] = [];
  let path: string | null = first;
  for (let page = 0; path && page < maxPages; page++) {
    const data: T[] | ListEnvelope<T> = await get(path);
    items.push(...listItems(data));
    path = Array.isArray(data) ? null : relativeApiPath(data.next);
  }
  return items;
}

/** A `next` link may be absolute (`http://host/api/v1/...`); requests stay same-origin. */
export function relativeApiPath(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, window.location.origin);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
