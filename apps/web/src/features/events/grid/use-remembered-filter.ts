import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  fetchEngagementPreferences,
  preferencesKey,
  saveEngagementPreferences,
} from '../api/preferences-api.ts';
import {
  browserStorage,
  canonicalFilter,
  filterFromServer,
  readRemembered,
  writeRemembered,
} from './remembered-filter.ts';

const PREFERENCE_DEADLINE_MS = 5_000;

interface Options {
  userId: number;
  engagement: string;
  /** The filter the URL shows now, as the grid writes it. */
  query: string;
  /** The grid was opened without a filter in the URL: reopen it where the user left it. */
  restore: boolean;
  /** Puts a filter into the URL (replacing the history entry). */
  apply: (query: string) => void;
}

/**
 * Reopens the grid where the user left it in this engagement and remembers where they leave it. The
 * server keeps the last filter (so it follows the user to another machine); this browser's copy paints
 * at once, and the server's answer replaces it if it is newer. Returns false while the grid should not
 * load yet (its filter is about to change), so no request is made for nothing.
 */
export function useRememberedFilter({ userId, engagement, query, restore, apply }: Options): boolean {
  const [local] = useState(() => readRemembered(browserStorage(), userId, engagement));
  const server = useQuery({
    queryKey: preferencesKey(engagement),
    // The grid waits for this when the browser has no copy: it gets a deadline, then opens unfiltered.
    queryFn: ({ signal }) =>
      fetchEngagementPreferences(
        engagement,
        AbortSignal.any([signal, AbortSignal.timeout(PREFERENCE_DEADLINE_MS)]),
      ),
    staleTime: 0,
    retry: 1,
  });
  const serverKnown = server.isSuccess || server.isError;
  const serverFilter = server.data?.event_filter ?? null;

  // The filter the URL was asked to show; loading and saving wait until it does.
  const [target, setTarget] = useState<string | null>(() => {
    const first = restore && local ? canonicalFilter(local.query) : null;
    return first === query ? null : first;
  });
  const [decided, setDecided] = useState(false);
  const lastSaved = useRef<string | null>(null);
  const latest = useRef<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (target === null) return;
    if (target === query) setTarget(null);
    else apply(target);
  }, [target, query, apply]);

  useEffect(() => {
    if (!serverKnown || decided) return;
    setDecided(true);
    if (serverFilter !== null) lastSaved.current = canonicalFilter(serverFilter);
    if (!restore) return;
    const next = filterFromServer({ local, server: serverFilter, shown: target ?? query });
    if (next !== null) setTarget(next);
  }, [serverKnown, decided, serverFilter, restore, local, target, query]);

  useEffect(() => {
    if (!decided || target !== null) return;
    const storage = browserStorage();
    if (query === lastSaved.current) {
      writeRemembered(storage, userId, engagement, { query, synced: true });
      return;
    }
    writeRemembered(storage, userId, engagement, { query, synced: false });
    // One save at a time, in order; a value overtaken by a newer one is not sent.
    latest.current = query;
    chain.current = chain.current.then(async () => {
      if (latest.current !== query) return;
      try {
        await saveEngagementPreferences(engagement, { event_filter: query });
        lastSaved.current = query;
        if (latest.current === query) writeRemembered(storage, userId, engagement, { query, synced: true });
      } catch {
        // Left unsynced here: the next time the grid opens in this browser, its copy is sent again.
      }
    });
  }, [decided, target, query, userId, engagement]);

  const waitingForServer = restore && !local && !decided;
  return !waitingForServer && target === null;
}
