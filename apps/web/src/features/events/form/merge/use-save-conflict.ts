import type { EventDto } from '@steppingstones/shared/events';
import { useCallback, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../../lib/api-error.ts';
import { fetchHistory } from '../../../history/history-api.ts';
import { fetchEvent } from '../../api/events-api.ts';
import { attributeChanges, type FieldAttributions } from './field-attribution.ts';

/** A save refused with 409, and what the merge view needs to show it. */
export type SaveConflict<M> =
  | { kind: 'loading' }
  | {
      kind: 'ready';
      /** The version the user edited. */
      base: EventDto;
      /** What they tried to save. */
      mine: M;
      /** The version on the server now. */
      theirs: EventDto;
      attributions: FieldAttributions;
      /** 1 for the first refusal, 2 when the merged save was itself overtaken, … */
      round: number;
    }
  | { kind: 'deleted' }
  | { kind: 'failed'; message: string; retry: () => void };

/**
 * After a 409, fetches the current version (and, to say who changed what, the event's history; the
 * merge works without it). Nothing is written here: the user decides in the merge view.
 */
export function useSaveConflict<M>() {
  const [conflict, setConflict] = useState<SaveConflict<M> | null>(null);
  const round = useRef(0);

  const open = useCallback(async (base: EventDto, mine: M) => {
    setConflict({ kind: 'loading' });
    try {
      const [theirs, history] = await Promise.all([
        fetchEvent(base.id),
        fetchHistory(base.id).catch(() => []),
      ]);
      round.current += 1;
      setConflict({
        kind: 'ready',
        base,
        mine,
        theirs,
        attributions: attributeChanges(history, base, theirs),
        round: round.current,
      });
    } catch (e) {
      if (isApiError(e, 404)) setConflict({ kind: 'deleted' });
      else setConflict({ kind: 'failed', message: errorMessage(e), retry: () => void open(base, mine) });
    }
  }, []);

  const close = useCallback(() => setConflict(null), []);
  return { conflict, open, close };
}
