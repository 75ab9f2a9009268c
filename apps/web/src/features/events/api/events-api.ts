import type {
  ContextDto,
  EventDto,
  EventFields,
  EventLimitedPatch,
  TagDto,
} from '@steppingstones/shared/events';
import { api } from '../../../lib/api-client.ts';
import { type ListEnvelope, listItems } from '../../../lib/lists.ts';

/** Calls of the event log API (apps/server/src/routes/events.routes.ts and friends). */

export const EVENTS_KEY = ['events'] as const;

const etag = (version: number) => ({ 'if-match': `"${version}"` });

export function fetchEventPage(path: string, signal?: AbortSignal): Promise<ListEnvelope<EventDto>> {
  return api<ListEnvelope<EventDto>>(path, { signal });
}

export function fetchEvent(id: number): Promise<EventDto> {
  return api<EventDto>(`/events/${id}/`);
}

export function createEvent(body: EventFields): Promise<EventDto> {
  return api<EventDto>('/events/', { method: 'POST', body });
}

/** PUT with `If-Match`: a stale version is a 409, never a silent overwrite. */
export function replaceEvent(id: number, version: number, body: EventFields): Promise<EventDto> {
  return api<EventDto>(`/events/${id}/`, { method: 'PUT', body, headers: etag(version) });
}

export function limitedUpdateEvent(id: number, version: number, body: EventLimitedPatch): Promise<EventDto> {
  return api<EventDto>(`/events/${id}/limited/`, { method: 'PATCH', body, headers: etag(version) });
}

export function deleteEvent(id: number): Promise<void> {
  return api<void>(`/events/${id}/`, { method: 'DELETE' });
}

export function starEvent(id: number, starred: boolean): Promise<EventDto> {
  return api<EventDto>(`/events/${id}/star/`, { method: 'POST', body: { starred } });
}

const qs = (params: Record<string, string | number | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
};

export async function fetchContexts(engagement: string, search: string): Promise<ContextDto[]> {
  return listItems(
    await api<ListEnvelope<ContextDto>>(`/contexts/?${qs({ engagement, search, limit: 50 })}`),
  );
}

export async function fetchContextValues(
  engagement: string,
  field: 'host' | 'user' | 'process',
  search: string,
): Promise<string[]> {
  const r = await api<{ results: string[] }>(
    `/contexts/values/?${qs({ engagement, field, search, limit: 30 })}`,
  );
  return r.results;
}

export function fetchContext(id: number): Promise<ContextDto & { event_count: number }> {
  return api(`/contexts/${id}/`);
}

export function updateContext(
  id: number,
  body: { host: string; user: string; process: string },
): Promise<{ context: ContextDto; shared_event_count: number }> {
  return api(`/contexts/${id}/`, { method: 'PATCH', body });
}

export async function fetchTags(engagement: string, search = '', limit = 200): Promise<TagDto[]> {
  return listItems(await api<ListEnvelope<TagDto>>(`/tags/?${qs({ engagement, search, limit })}`));
}

export interface OperatorChoice {
  username: string;
  display_name: string;
}

/** The engagement's team, for the operator picker (members who record events). */
export async function fetchOperators(engagement: string): Promise<OperatorChoice[]> {
  const res = await api<{ results: OperatorChoice[] }>(
    `/engagements/${encodeURIComponent(engagement)}/operators/`,
  );
  return res.results;
}

export interface KnownFile {
  id: number;
  filename: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  description: string | null;
}

export async function fetchKnownFiles(engagement: string, search: string): Promise<KnownFile[]> {
  return listItems(
    await api<ListEnvelope<KnownFile>>(`/files/known/?${qs({ engagement, search, limit: 50 })}`),
  );
}
