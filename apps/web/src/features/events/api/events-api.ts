import type { ListEnvelope } from '@steppingstones/shared';
import type {
  ContextDetailDto,
  ContextDto,
  ContextUpdate,
  ContextUpdateResult,
  EventDto,
  EventFields,
  EventLimitedPatch,
  IgnoredSearchWord,
  KnownFileDto,
  TagDto,
} from '@steppingstones/shared/events';
import { api } from '../../../lib/api-client.ts';
import { fetchList } from '../../../lib/paging.ts';

/** Calls of the event log API (apps/server/src/routes/events.routes.ts and friends). */

export const EVENTS_KEY = ['events'] as const;

const etag = (version: number) => ({ 'if-match': `"${version}"` });

/** A page of the grid; `ignored_words` says which words of the search were left out, and why. */
export type EventListPage = ListEnvelope<EventDto> & { ignored_words?: IgnoredSearchWord[] };

export function fetchEventPage(path: string, signal?: AbortSignal): Promise<EventListPage> {
  return api<EventListPage>(path, { signal });
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

export function fetchContexts(engagement: string, search: string): Promise<ContextDto[]> {
  return fetchList(`/contexts/?${qs({ engagement, search, page_size: 50 })}`);
}

export function fetchContextValues(
  engagement: string,
  field: 'host' | 'user' | 'process',
  search: string,
): Promise<string[]> {
  return fetchList(`/contexts/values/?${qs({ engagement, field, search, page_size: 30 })}`);
}

export function fetchContext(id: number): Promise<ContextDetailDto> {
  return api(`/contexts/${id}/`);
}

export function updateContext(id: number, body: ContextUpdate): Promise<ContextUpdateResult> {
  return api(`/contexts/${id}/`, { method: 'PATCH', body });
}

export function fetchTags(engagement: string, search = '', pageSize = 200): Promise<TagDto[]> {
  return fetchList(`/tags/?${qs({ engagement, search, page_size: pageSize })}`);
}

/** Who may be named operator: the members' usernames and display names. */
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

export type KnownFile = KnownFileDto;

export function fetchKnownFiles(engagement: string, search: string): Promise<KnownFile[]> {
  return fetchList(`/files/known/?${qs({ engagement, search, page_size: 50 })}`);
}
