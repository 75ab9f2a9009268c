import type { EventDto, EventFields } from '@steppingstones/shared/events';
import type {
  EventStreamBulkCloneResult,
  EventStreamImportResultDto,
  EventStreamLineDto,
} from '@steppingstones/shared/eventstream';
import { api, apiUrl } from '../../lib/api-client.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

export type Line = EventStreamLineDto;
export type ImportResult = EventStreamImportResultDto;
export const LINES_KEY = ['eventstream-lines'] as const;

export interface LinePage {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: Line[];
}

export interface LineFilter {
  search: string;
  from: string;
  to: string;
  sort: string;
}

/** A page of lines; `cursor` is the opaque cursor of a `next` / `previous` link. */
export function fetchLines(engagement: string, filter: LineFilter, cursor: string | null): Promise<LinePage> {
  const q = new URLSearchParams({ engagement, sort: filter.sort, page_size: '50' });
  if (filter.search.trim()) q.set('search', filter.search.trim());
  if (filter.from) q.set('from', new Date(filter.from).toISOString());
  if (filter.to) q.set('to', new Date(filter.to).toISOString());
  if (cursor) q.set('cursor', cursor);
  return api<LinePage>(`/eventstream/lines/?${q}`);
}

/** The cursor carried by a `next` / `previous` link. */
export const cursorOf = (link: string | null) => (link ? new URL(link).searchParams.get('cursor') : null);

/** How often a background import is asked how it stands. */
const FOLLOW_EVERY_MS = 1000;

/** A large file (or a slow source) is imported by the worker: its result is read once it has finished. */
async function followImport(url: string): Promise<ImportResult> {
  for (;;) {
    const state = await api<{ status: string; result: ImportResult | null; error: string | null }>(
      url.replace(/^\/api\/v1/, ''),
    );
    if (state.status === 'succeeded' && state.result) return state.result;
    if (state.status === 'failed') throw new Error(state.error ?? 'The import failed.');
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
  }
}

/**
 * Uploads a file as the raw body (never multipart) and reports upload progress; the server answers
 * once every line is checked and written, or (a large file) with the background import, followed here
 * to its result.
 */
export function uploadEventStream(
  engagement: string,
  file: File,
  source: { key: string; params: Record<string, string> } | null,
  onProgress: (fraction: number) => void,
): Promise<ImportResult> {
  const q = new URLSearchParams({ engagement, filename: file.name });
  if (source) {
    q.set('source', source.key);
    for (const [name, value] of Object.entries(source.params))
      if (value !== '') q.set(`param.${name}`, value);
  }
  return uploadWithProgress(`/eventstream/imports/?${q}`, file, 'application/x-ndjson', onProgress, {
    followAccepted: followImport,
  });
}

export interface EventDraft {
  line_id: number;
  fields: EventFields & { engagement: string };
  warnings: string[];
}

export const fetchDraft = (lineId: number) => api<EventDraft>(`/eventstream/lines/${lineId}/event-draft/`);

/** Saves the clone (event + link to the line) and answers the new event. */
export async function cloneLine(lineId: number, fields: EventFields): Promise<EventDto> {
  const linked = await api<{ event_id: number }>(`/eventstream/lines/${lineId}/clone/`, {
    method: 'POST',
    body: fields,
  });
  return api<EventDto>(`/events/${linked.event_id}/`);
}

export const cloneSelected = (engagement: string, ids: number[]) =>
  api<EventStreamBulkCloneResult>('/eventstream/lines/clone/', { method: 'POST', body: { engagement, ids } });

/** The engagement's events as EventStream (what the Export button downloads). */
export const exportHref = (engagement: string) =>
  apiUrl(`/eventstream/?engagement=${encodeURIComponent(engagement)}`);
