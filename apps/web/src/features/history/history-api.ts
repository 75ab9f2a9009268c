import { api } from '../../lib/api-client.ts';
import type { ListEnvelope } from '../../lib/lists.ts';

/** Event history, restore and trash (apps/server/src/routes/history.routes.ts). */

export const HISTORY_KEY = ['event-history'] as const;

export interface RevisionDto {
  id: number;
  seq: number;
  /** `create`, `update`, `delete`, `restore`, `undelete`, `bulk_update`… */
  action: string;
  at: string;
  actor: string | null;
  diff: Record<string, [unknown, unknown]>;
  snapshot: Record<string, unknown>;
}

export interface TrashItem {
  id: number;
  engagement: string;
  deleted_at: string;
  deleted_by: string | null;
  timestamp: string;
  description: string;
}

export async function fetchHistory(eventId: number): Promise<RevisionDto[]> {
  const r = await api<ListEnvelope<RevisionDto>>(`/events/${eventId}/history/`);
  // Newest first, whatever order the server chose.
  return [...r.results].sort((a, b) => b.seq - a.seq);
}

export function restoreRevision(eventId: number, revision: number): Promise<void> {
  return api<void>(`/events/${eventId}/restore/`, { method: 'POST', body: { revision } });
}

export async function fetchTrash(engagement: string): Promise<TrashItem[]> {
  const r = await api<ListEnvelope<TrashItem>>(`/events/trash/?${new URLSearchParams({ engagement })}`);
  return r.results;
}

export function undeleteEvent(eventId: number): Promise<void> {
  return api<void>(`/events/${eventId}/undelete/`, { method: 'POST' });
}
