import { apiUrl, getCsrfToken } from '../../lib/api-client.ts';
import { ApiError } from '../../lib/api-error.ts';

/** Export and import of the event log (apps/server/src/routes/exchange.routes.ts). */

export interface ImportReport {
  added: number;
  skipped: Array<{ line: number; reason: string }>;
  rejected: Array<{ line: number; reason: string }>;
}

/**
 * The download link for the grid's current filter: every matching row. The grid's sort and paging
 * parameters are not part of the export's contract, so they are left out.
 */
export function exportHref(engagement: string, format: 'csv' | 'xlsx' | 'pdf', filterQuery: string): string {
  const p = new URLSearchParams(filterQuery);
  for (const key of ['sort', 'cursor', 'page_size', 'engagement', 'format']) p.delete(key);
  const q = new URLSearchParams({ engagement, format });
  for (const [k, v] of p) q.append(k, v);
  return apiUrl(`/events/export/?${q}`);
}

/** Sends a CSV file as the raw request body (streamed to the parser on the server). */
export async function importCsv(engagement: string, file: Blob): Promise<ImportReport> {
  const headers: Record<string, string> = { 'content-type': 'text/csv', accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(apiUrl(`/events/import/?${new URLSearchParams({ engagement })}`), {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as Partial<ImportReport> & {
    error?: string;
    message?: string;
  };
  if (!response.ok)
    throw new ApiError(
      response.status,
      body.error ?? 'http_error',
      body.message ?? `The import failed (${response.status}).`,
      [],
    );
  return { added: body.added ?? 0, skipped: body.skipped ?? [], rejected: body.rejected ?? [] };
}
