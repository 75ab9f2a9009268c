import { toIsoUtc } from '@steppingstones/shared';
import type { WebhookMessage } from './webhook-message.ts';

/**
 * A burst (an API import of thousands of events) must not flood a chat channel: when more than
 * BURST_THRESHOLD messages of one type for one engagement fall in one BURST_WINDOW_MS window
 * (windows aligned to the epoch), a webhook gets one message for the window instead, with the count
 * and the event ids. Messages up to the threshold go out one by one, as before.
 */
export const BURST_THRESHOLD = 20;
export const BURST_WINDOW_MS = 5_000;
/** A grouped message lists at most this many event ids (the count is always exact). */
export const BURST_IDS_MAX = 1_000;

export interface PendingMessage {
  message: WebhookMessage;
  domainEventId: number;
  engagementId: number | null;
  createdAt: number;
  /** False for the per-event messages of one bulk edit: that action already has its own summary. */
  groupable: boolean;
}

export const windowOf = (at: number) => Math.floor(at / BURST_WINDOW_MS);
export const burstKey = (m: PendingMessage) =>
  `${m.engagementId ?? '-'}|${m.message.type}|${windowOf(m.createdAt)}`;

/** How many groupable messages each (engagement, type, window) holds. */
export function burstCounts(messages: readonly PendingMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.groupable) counts.set(burstKey(m), (counts.get(burstKey(m)) ?? 0) + 1);
  return counts;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function burstText(type: string, n: number, where: string): string {
  const seconds = BURST_WINDOW_MS / 1000;
  const within = `within ${seconds} seconds`;
  switch (type) {
    case 'event created':
      return `${plural(n, 'event', 'events')} created in ${where} ${within}`;
    case 'event updated':
      return `${plural(n, 'event', 'events')} updated in ${where} ${within}`;
    case 'event deleted':
      return `${plural(n, 'event', 'events')} deleted from ${where} ${within}`;
    case 'detection changed':
      return `Detection changed on ${plural(n, 'event', 'events')} in ${where} ${within}`;
    case 'new beacon':
      return `${plural(n, 'new beacon', 'new beacons')} received ${within}`;
    case 'respawned beacon':
      return `${plural(n, 'respawned beacon', 'respawned beacons')} received ${within}`;
    case 'returned beacon':
      return `${plural(n, 'beacon', 'beacons')} returned ${within}`;
    default:
      return `${plural(n, 'message', 'messages')} of type ${type} ${within}`;
  }
}

/** One message standing for a burst of messages of one type, engagement and window. */
export function groupedMessage(group: readonly PendingMessage[]): WebhookMessage {
  const first = group[0]!.message;
  const actors = new Set(group.map((m) => m.message.actor).filter((a) => typeof a === 'string'));
  const eventIds = group.map((m) => m.message.event_id).filter((id) => id !== undefined);
  const window = windowOf(group[0]!.createdAt) * BURST_WINDOW_MS;
  return {
    type: first.type,
    message: burstText(
      first.type,
      group.length,
      String(first.engagement_name ?? first.engagement ?? 'no engagement'),
    ),
    grouped: true,
    count: group.length,
    event_ids: eventIds.slice(0, BURST_IDS_MAX),
    ...(actors.size === 1 ? { actor: [...actors][0] } : {}),
    engagement: first.engagement,
    ...(first.engagement_name ? { engagement_name: first.engagement_name } : {}),
    engagement_id: first.engagement_id,
    domain_event_id: group[0]!.domainEventId,
    last_domain_event_id: group[group.length - 1]!.domainEventId,
    window_start: toIsoUtc(window),
    window_end: toIsoUtc(window + BURST_WINDOW_MS),
    time: first.time,
  };
}

/**
 * The messages one webhook gets for a run of pending messages, in order: a burst above the
 * threshold becomes one grouped message where its first message stood.
 */
export function groupBursts(
  messages: readonly PendingMessage[],
): Array<{ message: WebhookMessage; domainEventId: number }> {
  const counts = burstCounts(messages);
  const groups = new Map<string, PendingMessage[]>();
  const out: Array<{ message: WebhookMessage; domainEventId: number } | string> = [];
  for (const m of messages) {
    const key = burstKey(m);
    if (!m.groupable || (counts.get(key) ?? 0) <= BURST_THRESHOLD) {
      out.push({ message: m.message, domainEventId: m.domainEventId });
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(m);
    else {
      groups.set(key, [m]);
      out.push(key);
    }
  }
  return out.map((o) => {
    if (typeof o !== 'string') return o;
    const group = groups.get(o)!;
    return { message: groupedMessage(group), domainEventId: group[0]!.domainEventId };
  });
}

/**
 * Where the fan-out stops this time: at the first message of a burst whose window is still open, so
 * the whole window goes out as one message once it closes (a few seconds later). Returns the index
 * of the first outbox row to keep for later, or the row count when nothing waits.
 */
export function holdIndex(
  rows: ReadonlyArray<{ index: number; message: PendingMessage }>,
  rowCount: number,
  now: number,
): number {
  const counts = burstCounts(rows.map((r) => r.message));
  for (const { index, message } of rows) {
    if (!message.groupable) continue;
    const open = (windowOf(message.createdAt) + 1) * BURST_WINDOW_MS > now;
    if (open && (counts.get(burstKey(message)) ?? 0) > BURST_THRESHOLD) return index;
  }
  return rowCount;
}
