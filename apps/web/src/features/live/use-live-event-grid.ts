import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { HISTORY_KEY } from '../history/history-api.ts';
import { useLiveChanges } from './use-live-changes.ts';

/** Changes arriving together (an import, a burst of edits) cause one refetch, not one each. */
const COALESCE_MS = 150;

/**
 * Keeps the events grid of an engagement live: a teammate's create, edit or delete refetches the loaded
 * pages in place (TanStack keeps the rows while refetching, so scroll and selection stay put).
 */
export function useLiveEventGrid(engagementCode: string | null): void {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onChange = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.invalidateQueries({ queryKey: [...EVENTS_KEY, 'list'] });
      void client.invalidateQueries({ queryKey: HISTORY_KEY });
    }, COALESCE_MS);
  }, [client]);
  useLiveChanges(engagementCode, onChange);
}
