import { useEffect, useRef } from 'react';
import { useEngagements } from '../engagements/engagements-api.ts';
import { concernsEventLog, type LiveChange } from './live-frames.ts';
import { liveHub } from './live-hub.ts';

/**
 * Calls `onChange` for every event change in the engagement that reaches this browser's shared
 * stream; `null` means "anything may have changed" (the server could not replay what was missed).
 */
export function useLiveChanges(
  engagementCode: string | null,
  onChange: (change: LiveChange | null) => void,
): void {
  const engagements = useEngagements();
  const engagementId = engagements.data?.find((e) => e.code === engagementCode)?.id ?? null;
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (!engagementCode) return;
    return liveHub.subscribe((signal) => {
      if (signal.kind === 'reset') latest.current(null);
      else if (concernsEventLog(signal.change, engagementId)) latest.current(signal.change);
    });
  }, [engagementCode, engagementId]);
}
