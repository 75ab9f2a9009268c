import { DomainError } from '../errors.ts';

/** Wrong username or password; the same message for an unknown user (no enumeration). */
export class InvalidCredentialsError extends DomainError {
  override readonly status = 401;
  override readonly code = 'invalid_credentials';
  constructor() {
    super("Your username and password didn't match. Please try again.");
  }
}

export class ThrottledError extends DomainError {
  override readonly status = 429;
  override readonly code = 'throttled';
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed attempts. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`,
    );
  }
}
