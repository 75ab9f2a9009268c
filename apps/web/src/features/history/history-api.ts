import type { ListEnvelope } from '@steppingstones/shared';
import type { RevisionDto, TrashItemDto } from '@steppingstones/shared/history';
import { api } from '../../lib/api-client.ts';
import { fetchList } from '../../lib/paging.ts';

/** Event history, restore and trash (apps/server/src/routes/history.routes.ts). */

export const HISTORY_KEY = ['event-history'] as const;

export type { RevisionDto, TrashItemDto as TrashItem };

export async function fetchHistory(eventId: number): Promise<RevisionDto[]> {
  const r = await api<ListEnvelope<RevisionDto>>(`/events/${eventId}/history/`);
  // Newest first, whatever order the server chose.
  return [...r.results].sort((a, b) => b.seq - a.seq);
}

export function restoreRevision(eventId: number, revision: number): Promise<void> {
  return api<void>(`/events/${eventId}/restore/`, { method: 'POST', body: { revision } });
}

export function fetchTrash(engagement: string): Promise<TrashItemDto[]> {
  return fetchList(`/events/trash/?${new URLSearchParams({ engagement })}`);
}

export function undeleteEvent(eventId: number): Promise<void> {
  return api<void>(`/events/${eventId}/undelete/`, { method: 'POST' });
}
