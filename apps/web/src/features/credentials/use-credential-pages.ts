import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { relativeApiPath } from '../../lib/paging.ts';
import {
  CREDENTIALS_KEY,
  type CredentialFilterState,
  credentialListPath,
  fetchCredentialPage,
} from './credentials-api.ts';

/** The grid's rows: server-filtered, sorted pages of 100 over the keyset cursor, fetched as the user scrolls. */
export function useCredentialPages(engagement: string, filter: CredentialFilterState) {
  const first = credentialListPath(engagement, filter);
  const query = useInfiniteQuery({
    queryKey: [...CREDENTIALS_KEY, 'list', engagement, first],
    queryFn: ({ pageParam, signal }) => fetchCredentialPage(pageParam, signal),
    initialPageParam: first,
    getNextPageParam: (last) => relativeApiPath(last.next) ?? undefined,
    enabled: engagement !== '',
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === engagement ? previous : undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.results) ?? [], [query.data]);
  return { ...query, rows, count: query.data?.pages[0]?.count ?? null };
}
