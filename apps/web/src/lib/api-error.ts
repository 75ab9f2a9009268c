/** A field the server rejected, as in `{ error, message, fields: [{ field, message }] }`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every failed API call becomes an ApiError carrying the server's own `message` (written for users,
 * house rule 11) and its field errors, so forms and pages show exactly what to fix.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** Field errors keyed by field name (nested names such as `user.password` are kept whole). */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const f of this.fields) map[f.field] = map[f.field] ? `${map[f.field]} ${f.message}` : f.message;
    return map;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** A message a user can act on, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError)
    return 'The server could not be reached. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
