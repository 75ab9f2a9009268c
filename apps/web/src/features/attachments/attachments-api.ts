import type { AttachmentDto } from '@steppingstones/shared/attachments';
import { api, apiUrl } from '../../lib/api-client.ts';
import { fetchList } from '../../lib/paging.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

/** A file attached to an event (the HTTP contract in @steppingstones/shared/attachments). */
export type { AttachmentDto };

const ATTACHMENTS_KEY = ['attachments'] as const;
export const eventAttachmentsKey = (eventId: number) => [...ATTACHMENTS_KEY, 'event', eventId] as const;

/** Where the original bytes are: images answer inline, everything else as a download. */
export const attachmentUrl = (id: number): string => apiUrl(`/attachments/${id}/`);

/** Every attachment of the event this user may see (the blue team: shared ones), in one page. */
export function fetchAttachments(eventId: number): Promise<AttachmentDto[]> {
  return fetchList<AttachmentDto>(`/events/${eventId}/attachments/`);
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
