import type { ListEnvelope } from '@steppingstones/shared';
import type {
  CrackedImportResult,
  CredentialCreateInput,
  CredentialDetailDto,
  CredentialDto,
  CredentialPatchInput,
  CredentialSystemsDto,
  DumpImportResult,
  DumpImportType,
} from '@steppingstones/shared/credentials';
import type { OnImportProgress, WorkerProgress } from '../../components/import/use-import-stage.ts';
import { api, apiUrl } from '../../lib/api-client.ts';
import { ApiError } from '../../lib/api-error.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

export const CREDENTIALS_KEY = ['credentials'] as const;

export interface CredentialFilterState {
  search: string;
  system: string | null;
  hashType: string | null;
  cracked: 'all' | 'true' | 'false';
  enabledOnly: boolean;
  sort: string;
  /** Only what one event produced (opened from the event's credentials). */
  event: number | null;
}

export const EMPTY_FILTER: CredentialFilterState = {
  search: '',
  system: null,
  hashType: null,
  cracked: 'all',
  enabledOnly: false,
  sort: 'system',
  event: null,
};

/**
 * The vault filter as query parameters (no engagement, sort or paging): the list, the statistics page
 * and the credential reports take the same keys.
 */
export function credentialFilterParams(f: Omit<CredentialFilterState, 'sort'>): URLSearchParams {
  const q = new URLSearchParams();
  if (f.search.trim()) q.set('search', f.search.trim());
  if (f.system !== null) q.set('system', f.system);
  if (f.hashType !== null) q.set('hash_type', f.hashType);
  if (f.cracked !== 'all') q.set('cracked', f.cracked);
  if (f.enabledOnly) q.set('enabled', 'true');
  if (f.event !== null) q.set('event', String(f.event));
  return q;
}

/** The filter a statistics or report URL carries (the inverse of `credentialFilterParams`). */
export function credentialFilterFromParams(q: URLSearchParams): Omit<CredentialFilterState, 'sort'> {
  const cracked = q.get('cracked');
  return {
    search: q.get('search') ?? '',
    system: q.get('system'),
    hashType: q.get('hash_type'),
    cracked: cracked === 'true' || cracked === 'false' ? cracked : 'all',
    enabledOnly: q.get('enabled') === 'true',
    event: Number(q.get('event')) || null,
  };
}

/** The first page's path of the filtered vault (pages of 100; `next` links follow). */
export function credentialListPath(engagement: string, f: CredentialFilterState): string {
  const q = new URLSearchParams({ engagement, sort: f.sort, page_size: '100' });
  for (const [k, v] of credentialFilterParams(f)) q.set(k, v);
  return `/credentials/?${q}`;
}

export const fetchCredentialPage = (path: string, signal?: AbortSignal) =>
  api<ListEnvelope<CredentialDto>>(path.replace(/^\/api\/v1/, ''), { signal });

export const fetchSystems = (engagement: string) =>
  api<CredentialSystemsDto>(`/credentials/systems/?engagement=${encodeURIComponent(engagement)}`);

export const revealCredential = (id: number) =>
  api<CredentialDetailDto>(`/credentials/${id}/reveal/`, { method: 'POST' });

export const fetchCredential = (id: number) => api<CredentialDetailDto>(`/credentials/${id}/`);

export const createCredential = (engagement: string, body: CredentialCreateInput) =>
  api<CredentialDetailDto>('/credentials/', { method: 'POST', body: { ...body, engagement } });

export const updateCredential = (id: number, body: CredentialPatchInput) =>
  api<CredentialDetailDto>(`/credentials/${id}/`, { method: 'PATCH', body });

export const deleteCredential = (id: number) => api<void>(`/credentials/${id}/`, { method: 'DELETE' });

export const bulkDeleteCredentials = (engagement: string, ids: number[]) =>
  api<{ deleted: number }>(`/credentials/bulk-delete/?engagement=${encodeURIComponent(engagement)}`, {
    method: 'POST',
    body: { ids },
  });

export const hashmobConfigHref = (engagement: string) =>
  apiUrl(`/credentials/hashmob-config.ini?engagement=${encodeURIComponent(engagement)}`);

/**
 * Uploads a body as the raw request, reporting upload progress (0..1); a large import answers 202 and
 * is followed to its result, reporting the worker's progress on the way.
 */
function rawUpload<T>(path: string, body: Blob, onProgress: OnImportProgress): Promise<T> {
  return uploadWithProgress<T>(path, body, 'application/octet-stream', onProgress, {
    followAccepted: (url) => followImport<T>(url, (worker) => onProgress(1, worker)),
    statusText: false,
  });
}

interface ImportState<T> {
  status: string;
  progress: { bytes: number; total: number | null; lines: number };
  result: (T & { error?: string }) | null;
}

/** A large import answers 202: its progress, then its result, are read from the import each second. */
async function followImport<T>(url: string, onWorker: (worker: WorkerProgress) => void): Promise<T> {
  for (;;) {
    const state = await api<ImportState<T>>(url.replace(/^\/api\/v1/, ''));
    if (state.status === 'done' && state.result) return state.result;
    if (state.status === 'failed')
      throw new ApiError(400, 'import_failed', state.result?.error ?? 'The import failed.');
    if (state.status === 'queued' || state.status === 'running')
      onWorker({ status: state.status, ...state.progress });
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function uploadDump(
  engagement: string,
  file: File,
  options: { type: DumpImportType; system: string; hashType: string | null },
  onProgress: OnImportProgress,
): Promise<DumpImportResult> {
  const q = new URLSearchParams({ engagement, type: options.type, filename: file.name });
  if (options.system.trim()) q.set('system', options.system.trim());
  if (options.hashType !== null) q.set('hash_type', options.hashType);
  return rawUpload(`/credentials/imports/?${q}`, file, onProgress);
}

export function uploadCracked(
  engagement: string,
  body: Blob,
  filename: string,
  onProgress: OnImportProgress,
) {
  const q = new URLSearchParams({ engagement, filename });
  return rawUpload<CrackedImportResult>(`/credentials/cracked/?${q}`, body, onProgress);
}

/** The credentials an event produced (the first 100; the vault lists them all with `event=`). */
export const fetchEventCredentials = (eventId: number) =>
  api<ListEnvelope<CredentialDto>>(`/events/${eventId}/credentials/?page_size=100&sort=account`);

export interface VaultAccount {
  system: string;
  account: string;
  value: string;
}

/** Vault accounts starting with `search` (`SYSTEM\prefix` narrows the system), for user fields. */
export const fetchVaultAccounts = (engagement: string, search: string) =>
  api<ListEnvelope<VaultAccount>>(
    `/credentials/accounts/?${new URLSearchParams({ engagement, search, page_size: '15' })}`,
  ).then((page) => page.results);

/** The credentials found in an EventStream line or a C2 action's output (the first 100). */
export const fetchFoundCredentials = (origin: 'line' | 'action', id: number) =>
  api<ListEnvelope<CredentialDto>>(
    origin === 'line' ? `/eventstream/lines/${id}/credentials/` : `/c2/actions/${id}/credentials/`,
  );
