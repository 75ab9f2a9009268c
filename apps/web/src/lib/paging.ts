import type { ListEnvelope } from '@steppingstones/shared';
import { api } from './api-client.ts';

/** The items of one page of a list (every list route answers `{count, next, previous, results}`). */
export async function fetchList<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  return (await api<ListEnvelope<T>>(path, { signal })).results;
}

/**
 * Every item of a (small) collection: follows `next` links, up to a sane number of pages. Use for
 * admin lists (users, engagements); big collections page in the UI instead.
 */
export async function fetchAllPages<T>(
  first: string,
  get: (path: string) => Promise<ListEnvelope<T>> = (path) => api<ListEnvelope<T>>(path),
  maxPages = 50,
): Promise<T[]> {
  const items: T[] = [];
  let path: string | null = first;
  for (let page = 0; path && page < maxPages; page++) {
    const data: ListEnvelope<T> = await get(path);
    items.push(...data.results);
    path = relativeApiPath(data.next);
  }
  return items;
}

/** A `next` link is absolute (`http://host/api/v1/...`); requests stay same-origin. */
export function relativeApiPath(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, window.location.origin);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
