import type { QueryClient } from '@tanstack/react-query';
import { EVENTS_KEY, fetchEventPage } from '../events/api/events-api.ts';

/** The grid's query string narrowed to the starred events (the filter of "edit the starred"). */
export function starredQuery(filterQuery: string): string {
  const p = new URLSearchParams(filterQuery);
  p.set('starred', 'true');
  p.delete('sort');
  return p.toString();
}

/**
 * How many starred events match the grid's filter, asked when the user opens "Edit the starred" (one
 * row fetched). The dialog states this count and the server checks it. May be capped ("10000+").
 */
export async function fetchStarredCount(
  client: QueryClient,
  engagement: string,
  filterQuery: string,
): Promise<number | string> {
  const p = new URLSearchParams(starredQuery(filterQuery));
  p.set('engagement', engagement);
  p.set('page_size', '1');
  const path = `/events/?${p.toString()}`;
  const page = await client.fetchQuery({
    queryKey: [...EVENTS_KEY, 'starred-count', path],
    queryFn: ({ signal }) => fetchEventPage(path, signal),
    staleTime: 0,
  });
  return page.count;
}
