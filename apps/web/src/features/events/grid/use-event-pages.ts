import type { ListEnvelope } from '@steppingstones/shared';
import type { EventDto, IgnoredSearchWord } from '@steppingstones/shared/events';
import { type InfiniteData, type QueryClient, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { relativeApiPath } from '../../../lib/paging.ts';
import { EVENTS_KEY, fetchEventPage } from '../api/events-api.ts';
import { type EventFilterState, eventListPath } from './event-filter.ts';

type Pages = InfiniteData<ListEnvelope<EventDto>, string>;

const NO_WORDS: IgnoredSearchWord[] = [];

/**
 * The grid's rows: server-side filtered and sorted pages of 100, fetched one after another over the
 * keyset cursor (`next`) as the user scrolls. Nothing is loaded that is not about to be shown.
 */
export function useEventPages(engagement: string, filter: EventFilterState, enabled = true) {
  const first = eventListPath(engagement, filter);
  const query = useInfiniteQuery({
    queryKey: [...EVENTS_KEY, 'list', engagement, first],
    queryFn: ({ pageParam, signal }) => fetchEventPage(pageParam, signal),
    initialPageParam: first,
    getNextPageParam: (last) => relativeApiPath(last.next) ?? undefined,
    staleTime: 10_000,
    enabled,
    // Keep showing the previous rows while a new filter loads (no flash of an empty grid), but
    // never another engagement's rows.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === engagement ? previous : undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.results) ?? [], [query.data]);
  const count = query.data?.pages[0]?.count ?? null;
  const ignoredWords = query.data?.pages[0]?.ignored_words ?? NO_WORDS;
  return { ...query, rows, count, ignoredWords };
}

/** Puts a changed event into every loaded page that shows it (star toggles, limited edits). */
export function patchEventInPages(client: QueryClient, event: EventDto): void {
  client.setQueriesData<Pages>({ queryKey: [...EVENTS_KEY, 'list'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            results: p.results.map((e) => (e.id === event.id ? event : e)),
          })),
        }
      : data,
  );
}

/** After a create, edit or delete: refetch the lists (the row may have moved or left the filter). */
export function invalidateEventLists(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: [...EVENTS_KEY, 'list'] });
}
