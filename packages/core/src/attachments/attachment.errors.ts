import { DomainError } from '../errors.ts';

/**
 * An upload refused for what it holds rather than how the request was formed: 413 when it is larger than
 * MAX_ATTACHMENT_MB, 422 when its bytes are not what its name says or cannot be read as that. The field
 * (`body` or `filename`) is named in the message and in `details.fields`, as the UI shows it.
 */
export class AttachmentRefused extends DomainError {
  override readonly code: string;
  readonly details: { fields: Array<{ field: string; message: string }> };
  constructor(
    override readonly status: 413 | 422,
    field: 'body' | 'filename',
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.code = status === 413 ? 'too_large' : 'unprocessable';
    this.details = { fields: [{ field, message }] };
  }
}

export function tooLarge(maxBytes: number): AttachmentRefused {
  const mb = Math.round((maxBytes / 1024 / 1024) * 100) / 100;
  return new AttachmentRefused(
    413,
    'body',
    `the file is larger than the limit of ${mb} MB (MAX_ATTACHMENT_MB); compress or split it`,
  );
}
