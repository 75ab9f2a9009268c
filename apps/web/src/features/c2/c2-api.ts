import type { C2ActionDto, C2ImportResultDto, C2SessionDto } from '@steppingstones/shared/c2';
import { api, apiUrl, getCsrfToken } from '../../lib/api-client.ts';
import { ApiError } from '../../lib/api-error.ts';

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
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(`/c2/imports/?${q}`));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { message?: string; error?: string } & Partial<C2ImportResultDto> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status text below says what happened
      }
      if (xhr.status === 200) resolve(body as C2ImportResultDto);
      else
        reject(
          new ApiError(
            xhr.status,
            body.error ?? 'http_error',
            body.message ?? `The import failed (${xhr.status} ${xhr.statusText}).`,
          ),
        );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The upload was interrupted. Check the connection and try again.'));
    xhr.send(file);
  });
}
