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
  // Refs, so that learning the engagement's id does not tear the subscription (and the stream) down.
  const latest = useRef({ onChange, engagementId });
  useEffect(() => {
    latest.current = { onChange, engagementId };
  });
  useEffect(() => {
    if (!engagementCode) return;
    return liveHub.subscribe((signal) => {
      const { onChange: notify, engagementId: id } = latest.current;
      if (signal.kind === 'reset') notify(null);
      else if (concernsEventLog(signal.change, id)) notify(signal.change);
    });
  }, [engagementCode]);
}
