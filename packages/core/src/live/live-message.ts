import type { DomainEvent } from '../outbox/index.ts';

/** What a live client receives: the kind of change and the ids to refetch, never the data itself. */
export interface LiveMessage {
  id: number;
  type: string;
  engagement_id: number | null;
  ids: Record<string, unknown>;
  at: string;
}

/**
 * Domain events a browser cares about; the rest (jobs, plugins internals) stay server-side.
 * `presence.` tells open grids and forms that someone opened or closed an event's edit form.
 */
const LIVE_PREFIXES = [
  'event.',
  'engagement.',
  'context.',
  'file.',
  'tag.',
  'plugin.',
  'eventstream.',
  'presence.',
  'comment.',
];

export function toLiveMessage(event: DomainEvent): LiveMessage | undefined {
  if (!LIVE_PREFIXES.some((p) => event.type.startsWith(p))) return undefined;
  return {
    id: event.id,
    type: event.type,
    engagement_id: event.engagementId,
    ids: event.payload,
    at: new Date(event.createdAt).toISOString(),
  };
}

/** The SSE frame for a message: `id:` is the outbox id, so the browser's Last-Event-ID resumes there. */
export function sseFrame(message: LiveMessage): string {
  return `id: ${message.id}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`;
}
