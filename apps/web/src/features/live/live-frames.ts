/**
 * What travels between the tab holding the stream and the others (BroadcastChannel messages), and the
 * pure rules deciding what a frame means to a page. Kept free of browser APIs so it is unit-tested.
 */

/** One `event: change` frame of `GET /api/v1/stream/`: ids only; pages refetch through the API. */
export interface LiveChange {
  id: number;
  type: string;
  engagement_id: number | null;
  ids: number[];
  at: string;
}

export type LiveSignal =
  | { kind: 'change'; change: LiveChange }
  /** The server could not replay what was missed (or the stream restarted): refetch everything. */
  | { kind: 'reset' };

const isId = (x: unknown): x is number => typeof x === 'number';

/**
 * The event ids a frame names: a list, or the outbox payload as the server sends it (`{ eventId }`,
 * `{ eventIds: [...] }`).
 */
function idsOf(raw: unknown): number[] {
  if (Array.isArray(raw)) return raw.filter(isId);
  if (!raw || typeof raw !== 'object') return [];
  const { eventId, eventIds } = raw as { eventId?: unknown; eventIds?: unknown };
  return [...(isId(eventId) ? [eventId] : []), ...(Array.isArray(eventIds) ? eventIds.filter(isId) : [])];
}

/** Parses the `data:` of a change frame; anything malformed is ignored rather than crashing the tab. */
export function parseChange(data: string): LiveChange | null {
  try {
    const v = JSON.parse(data) as Partial<Omit<LiveChange, 'ids'>> & { ids?: unknown };
    if (typeof v.id !== 'number' || typeof v.type !== 'string') return null;
    return {
      id: v.id,
      type: v.type,
      engagement_id: typeof v.engagement_id === 'number' ? v.engagement_id : null,
      ids: idsOf(v.ids),
      at: typeof v.at === 'string' ? v.at : '',
    };
  } catch {
    return null;
  }
}

/**
 * Whether a change concerns the event log of an engagement. `engagementId` is null while the code → id
 * lookup is pending: then every event change counts (a needless refetch beats a missed one).
 */
export function concernsEventLog(change: LiveChange, engagementId: number | null): boolean {
  // A comment changes its event's row too (the grid's comment count).
  if (!change.type.startsWith('event.') && !change.type.startsWith('comment.')) return false;
  if (engagementId === null || change.engagement_id === null) return true;
  return change.engagement_id === engagementId;
}

/** Whether a change says someone opened or closed an edit form of the engagement (presence). */
export function concernsPresence(change: LiveChange, engagementId: number | null): boolean {
  if (!change.type.startsWith('presence.')) return false;
  return engagementId === null || change.engagement_id === null || change.engagement_id === engagementId;
}

/** The stream URL; a tab taking over from a closed leader resumes after the last id the tabs saw. */
export function streamUrl(lastSeenId: number | null): string {
  return lastSeenId === null ? '/api/v1/stream/' : `/api/v1/stream/?last_event_id=${lastSeenId}`;
}
