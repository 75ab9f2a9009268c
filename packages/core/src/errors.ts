/**
 * Domain errors. Routes map them to HTTP statuses; their messages are written for the user
 * (what was wrong, where, what to do) and never carry internals.
 */
export class DomainError extends Error {
  readonly status: number = 400;
  readonly code: string = 'bad_request';
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends DomainError {
  override readonly status = 400;
  override readonly code = 'invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly code = 'not_found';
  constructor(what = 'The record') {
    super(`${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  override readonly status = 409;
  override readonly code = 'conflict';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly code = 'forbidden';
  constructor(message = 'You do not have permission to do this.') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  override readonly code = 'unauthenticated';
  constructor(message = 'Authentication is required.') {
    super(message);
  }
}
