import { z } from 'zod';

/** The shortest password the server accepts; the web's forms say the same number. */
export const PASSWORD_MIN_LENGTH = 10;

/** The rules as a person reads them next to a password field, before any of them refuses a password. */
export const PASSWORD_RULES_TEXT = `At least ${PASSWORD_MIN_LENGTH} characters, not only digits, not a common password and not like the username. A passphrase is best.`;

/**
 * The rules a browser can check before sending: length and "not only digits". The server adds the
 * checks that need more than the password (common-password list, similarity to the username).
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  .max(1024, 'must be at most 1024 characters')
  .refine((p) => !/^\d+$/.test(p), 'must not be entirely numeric')
  .describe(`A password of at least ${PASSWORD_MIN_LENGTH} characters, not entirely numeric.`);
