import type { C2ActionDto, C2ImportResultDto, C2SessionDto } from '@steppingstones/shared/c2';
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
