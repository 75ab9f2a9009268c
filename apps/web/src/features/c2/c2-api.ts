import type {
  C2ActionDto,
  C2DownloadDto,
  C2ExclusionDto,
  C2ImportResultDto,
  C2ServerDto,
  C2SessionDto,
} from '@steppingstones/shared/c2';
import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { api } from '../../lib/api-client.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

export interface C2List<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function fetchSessions(engagement: string): Promise<C2List<C2SessionDto>> {
  return api<C2List<C2SessionDto>>(`/c2/sessions/?${new URLSearchParams({ engagement, page_size: '200' })}`);
}

/** Operator actions, newest first: of one session when given, every search word somewhere. */
export function fetchActions(
  engagement: string,
  filter: { session: number | null; search: string },
): Promise<C2List<C2ActionDto>> {
  const q = new URLSearchParams({ engagement, page_size: '100' });
  if (filter.session) q.set('session', String(filter.session));
  if (filter.search.trim()) q.set('search', filter.search.trim());
  return api<C2List<C2ActionDto>>(`/c2/actions/?${q}`);
}

/** Uploads a log archive as the raw body (never multipart), reporting upload progress. */
export function uploadC2Logs(
  engagement: string,
  file: File,
  server: string,
  onProgress: (fraction: number) => void,
): Promise<C2ImportResultDto> {
  const q = new URLSearchParams({ engagement, adapter: 'cobalt-strike-logs', filename: file.name });
  if (server.trim()) q.set('server', server.trim());
  return uploadWithProgress(`/c2/imports/?${q}`, file, 'application/octet-stream', onProgress);
}

export function fetchDownloads(engagement: string): Promise<C2List<C2DownloadDto>> {
  return api<C2List<C2DownloadDto>>(
    `/c2/downloads/?${new URLSearchParams({ engagement, page_size: '200' })}`,
  );
}

export function fetchServers(engagement: string): Promise<C2List<C2ServerDto>> {
  return api<C2List<C2ServerDto>>(`/c2/servers/?${new URLSearchParams({ engagement, page_size: '100' })}`);
}

export function fetchExclusions(engagement: string): Promise<C2List<C2ExclusionDto>> {
  return api<C2List<C2ExclusionDto>>(`/c2/exclusions/?${new URLSearchParams({ engagement })}`);
}

export function excludeLike(engagement: string, session: number, field: C2ExclusionDto['field']) {
  return api<C2ExclusionDto>(`/c2/exclusions/?${new URLSearchParams({ engagement })}`, {
    method: 'POST',
    body: { session, field },
  });
}

export function removeExclusion(id: number) {
  return api<void>(`/c2/exclusions/${id}/`, { method: 'DELETE' });
}

export function setWatch(session: number, watched: boolean) {
  return api<{ session: number; watched: boolean }>(`/c2/sessions/${session}/watch/`, {
    method: 'PUT',
    body: { watched },
  });
}

export type C2CloneKind = 'actions' | 'downloads' | 'sessions';

/** What cloning a C2 record would give: the event's fields, and what to check before saving. */
export interface C2EventDraft {
  fields: EventFields & { engagement: string };
  warnings: string[];
}

export const fetchC2Draft = (kind: C2CloneKind, id: number) =>
  api<C2EventDraft>(`/c2/${kind}/${id}/event-draft/`);

/** Saves the reviewed clone (event + link to the record) and answers the new event. */
export async function cloneC2Record(kind: C2CloneKind, id: number, fields: EventFields): Promise<EventDto> {
  const { engagement: _engagement, ...body } = fields;
  const linked = await api<{ event_id: number }>(`/c2/${kind}/${id}/clone/`, { method: 'POST', body });
  return api<EventDto>(`/events/${linked.event_id}/`);
}

/** *Clone selected*: each action with its draft; those already cloned are skipped. */
export function cloneActions(actions: number[]) {
  return api<{
    cloned: Array<{ action_id: number; event_id: number }>;
    skipped: Array<{ action_id: number; reason: string }>;
  }>('/c2/actions/clone/', { method: 'POST', body: { actions } });
}
