import type { EventPresenceDto } from '@steppingstones/shared/events';
import { api } from '../../../lib/api-client.ts';
import { fetchList } from '../../../lib/paging.ts';

/** Presence calls (apps/server/src/routes/presence.routes.ts). */

export const PRESENCE_KEY = ['event-presence'] as const;

export function fetchPresence(engagement: string): Promise<EventPresenceDto[]> {
  return fetchList(`/events/presence/?${new URLSearchParams({ engagement })}`);
}

export function announceEditing(eventId: number): Promise<void> {
  return api<void>(`/events/${eventId}/presence/`, { method: 'PUT' });
}

export function withdrawEditing(eventId: number): Promise<void> {
  return api<void>(`/events/${eventId}/presence/`, { method: 'DELETE' });
}
