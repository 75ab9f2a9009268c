import type { EventDto } from '@steppingstones/shared/events';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { clickRow, NO_SELECTION, type Selection, selectedAmong, toggleAllLoaded } from './row-selection.ts';

/**
 * The events grid's selection. It lives above the grid, keyed by event id, so scrolling (rows leave
 * the DOM) and live refetches (rows arrive, move or leave) keep it. A new filter or sort starts empty:
 * the chosen rows may not be shown any more. The callbacks are stable, so the grid's columns are not
 * rebuilt on every click.
 */
export function useRowSelection(rows: EventDto[], resetKey: string) {
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const anchor = useRef<number | null>(null);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const latestIds = useRef(rowIds);
  latestIds.current = rowIds;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the filter's identity matters
  useEffect(() => {
    setSelection(NO_SELECTION);
    anchor.current = null;
  }, [resetKey]);

  const onSelectRow = useCallback((event: EventDto, shift: boolean) => {
    // Read before the update runs (React runs updaters later, after the anchor has moved).
    const ids = latestIds.current;
    const from = anchor.current;
    setSelection((s) => clickRow(s, ids, from, event.id, shift));
    anchor.current = event.id;
  }, []);
  const onSelectAllLoaded = useCallback(() => {
    const ids = latestIds.current;
    setSelection((s) => toggleAllLoaded(s, ids));
  }, []);
  const clear = useCallback(() => {
    setSelection(NO_SELECTION);
    anchor.current = null;
  }, []);

  /** The selected events still shown, in the grid's order. */
  const selectedIds = useMemo(() => selectedAmong(selection, rowIds), [selection, rowIds]);
  return { selected: selection, selectedIds, onSelectRow, onSelectAllLoaded, clear };
}
