import type { ListEnvelope } from '@steppingstones/shared';
import { api, apiUrl } from '../../lib/api-client.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

/**
 * A file attached to an event (apps/server attachments routes). The content type is the one the server
 * sniffed from the bytes; `shared` says whether the client's blue team sees it.
 */
export interface AttachmentDto {
  id: number;
  filename: string;
  size: number;
  sha256: string;
  content_type: string;
  shared: boolean;
  /** The uploader's username (absent from older servers: the server then decides who may share). */
  created_by?: string | null;
  created_at?: string;
}

/** The few attachments a grid row carries for its thumbnails (the row loader's summary). */
export interface RowAttachment {
  id: number;
  content_type: string;
  filename: string;
}

export const ATTACHMENTS_KEY = ['attachments'] as const;
export const eventAttachmentsKey = (eventId: number) => [...ATTACHMENTS_KEY, 'event', eventId] as const;

/** Where the original bytes are: images answer inline, everything else as a download. */
export const attachmentUrl = (id: number): string => apiUrl(`/attachments/${id}/`);

export async function fetchAttachments(eventId: number): Promise<AttachmentDto[]> {
  const body = await api<ListEnvelope<AttachmentDto> | AttachmentDto[]>(`/events/${eventId}/attachments/`);
  return Array.isArray(body) ? body : body.results;
}

/** Sends the file as the raw request body (never multipart); `onProgress` gets 0..1. */
export function uploadAttachment(
  eventId: number,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<AttachmentDto> {
  const path = `/events/${eventId}/attachments/?filename=${encodeURIComponent(file.name)}`;
  return uploadWithProgress<AttachmentDto>(path, file, file.type || 'application/octet-stream', onProgress, {
    statusText: false,
    failure: `The upload of ${file.name} failed`,
  });
}

export function setAttachmentShared(id: number, shared: boolean): Promise<AttachmentDto> {
  return api<AttachmentDto>(`/attachments/${id}/`, { method: 'PATCH', body: { shared } });
}

export function deleteAttachment(id: number): Promise<void> {
  return api<void>(`/attachments/${id}/`, { method: 'DELETE' });
}
