import { useEffect, useRef } from 'react';
import { useEngagements } from '../engagements/engagements-api.ts';
import { concernsEventLog, type LiveChange } from './live-frames.ts';
import { liveHub } from './live-hub.ts';

/**
 * Calls `onChange` for every event change in the engagement that reaches this browser's shared
 * stream (or every change `concerns` picks, e.g. presence); `null` means "anything may have changed"
 * (the server could not replay what was missed).
 */
export function useLiveChanges(
  engagementCode: string | null,
  onChange: (change: LiveChange | null) => void,
  concerns: (change: LiveChange, engagementId: number | null) => boolean = concernsEventLog,
): void {
  const engagements = useEngagements();
  const engagementId = engagements.data?.find((e) => e.code === engagementCode)?.id ?? null;
  // Refs, so that learning the engagement's id does not tear the subscription (and the stream) down.
  const latest = useRef({ onChange, engagementId, concerns });
  useEffect(() => {
    latest.current = { onChange, engagementId, concerns };
  });
  useEffect(() => {
    if (!engagementCode) return;
    return liveHub.subscribe((signal) => {
      const { onChange: notify, engagementId: id, concerns: picks } = latest.current;
      if (signal.kind === 'reset') notify(null);
      else if (picks(signal.change, id)) notify(signal.change);
    });
  }, [engagementCode]);
}
