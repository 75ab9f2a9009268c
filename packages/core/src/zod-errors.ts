import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Parses with a zod schema, turning failures into a ValidationError that names each field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : '(body)',
      message: issue.message,
    })),
  );
}
