import { z } from 'zod';

/** A file attached to an event, as the API returns it. */
export const attachmentDtoSchema = z.object({
  id: z.number().int(),
  event_id: z.number().int(),
  filename: z
    .string()
    .describe('The name it was uploaded under (masked like file names for readers without credential.view).'),
  size: z.number().int().describe('Bytes.'),
  sha256: z.string().describe('Hex SHA-256 of the bytes; also in the event’s tamper-evident history.'),
  content_type: z.string().describe('Sniffed from the bytes, never taken from the client.'),
  shared: z
    .boolean()
    .describe('Visible to the blue team; red team only until the uploader or a lead shares it.'),
  created_by: z.string().nullable().describe('Username of the uploader.'),
  created_at: z.string().describe('ISO-8601 UTC.'),
});
export type AttachmentDto = z.infer<typeof attachmentDtoSchema>;

export const attachmentListSchema = z.object({
  count: z.number().int(),
  next: z.string().nullable(),
  previous: z.string().nullable(),
  results: z.array(attachmentDtoSchema),
});

export const attachmentUploadQuerySchema = z.object({
  filename: z.string().optional().describe('The file’s name (no path); the raw file is the request body.'),
});

export const attachmentPatchSchema = z.object({
  shared: z
    .boolean({ error: 'must be true or false' })
    .describe('Share with the blue team, or take it back.'),
});
