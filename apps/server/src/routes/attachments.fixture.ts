import type { AttachmentDto } from '@steppingstones/shared/attachments';
import type { ApiClient } from '../testing/index.ts';

/** A 1×1 PNG, complete. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface UploadResult {
  status: number;
  body: AttachmentDto & { error?: string; message?: string; details?: { fields: Array<{ field: string }> } };
}

/** Uploads the raw bytes as `client` would from a script (curl --data-binary), not through JSON. */
export async function uploadAttachment(
  client: ApiClient,
  eventId: number,
  filename: string | null,
  body: Buffer | string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<UploadResult> {
  const query = filename === null ? '' : `?filename=${encodeURIComponent(filename)}`;
  const h: Record<string, string> = {
    accept: 'application/json',
    origin: client.url,
    'content-type': 'application/octet-stream',
    ...(client.cookie ? { cookie: client.cookie } : {}),
    ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
    ...headers,
  };
  const res = await fetch(new URL(`/api/v1/events/${eventId}/attachments/${query}`, client.url), {
    method: 'POST',
    headers: h,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Downloads an attachment's bytes with its headers. */
export async function downloadAttachment(
  client: ApiClient,
  id: number,
  headers: Record<string, string> = {},
) {
  const res = await fetch(new URL(`/api/v1/attachments/${id}/`, client.url), {
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

export async function listAttachments(client: ApiClient, eventId: number): Promise<AttachmentDto[]> {
  const res = await client.get<{ results: AttachmentDto[] }>(`/api/v1/events/${eventId}/attachments/`);
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.results;
}
