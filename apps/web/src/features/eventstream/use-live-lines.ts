import type { LiveChange } from '../live/live-frames.ts';
import { useLiveChanges } from '../live/use-live-changes.ts';

/**
 * Whether a change may alter the EventStream lines page of an engagement: lines imported (by anyone:
 * the API, the CLI, a background import), and events changing (a clone links a line to its event).
 * Until the engagement's id is known every such change counts.
 */
export function concernsEventStream(change: LiveChange, engagementId: number | null): boolean {
  if (!change.type.startsWith('eventstream.') && !change.type.startsWith('event.')) return false;
  if (engagementId === null || change.engagement_id === null) return true;
  return change.engagement_id === engagementId;
}

/** Calls `onChange` when the engagement's lines may have changed, through the browser's shared live stream. */
export function useLiveLines(engagementCode: string | null, onChange: () => void): void {
  useLiveChanges(engagementCode, () => onChange(), concernsEventStream);
}
