import { type UseFormInput, useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage } from './api-error.ts';

/**
 * The shared schemas speak in fragments that follow a field name ("must be at least 10 characters
 * long"); under a labelled field the form shows them as sentences.
 */
/** `user.password` → "Password", `engagement.end_date` → "End date", `new_password` → "New password". */
export function fieldLabel(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  const words = last
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function sentence(message: string): string {
  const text = message.trim() === 'is required' ? 'This field is required' : message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Validates form values with a shared zod schema; the first problem of each field is shown. */
export function schemaResolver(schema: z.ZodType) {
  const resolve = zod4Resolver(schema, { errorPriority: 'first' });
  return (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(resolve(values)).map(([field, m]) => [field, sentence(String(m))]));
}

/**
 * A Mantine form validated by a shared schema, plus a form-level error for whatever a failed request
 * does not tie to a field. `showError` puts the server's field errors next to their fields (a nested
 * name such as `user.password` matches the field `password` through `aliases`).
 */
export function useSchemaForm<V extends Record<string, unknown>>(
  schema: z.ZodType | (() => z.ZodType),
  initialValues: V,
  options: Omit<UseFormInput<V>, 'initialValues' | 'validate'> = {},
) {
  const form = useForm<V>({
    mode: 'controlled',
    ...options,
    initialValues,
    validate: (values) =>
      schemaResolver(typeof schema === 'function' ? schema() : schema)(values as Record<string, unknown>),
  });
  const [formError, setFormError] = useState<string | null>(null);
  const { setErrors } = form;

  const showError = useCallback(
    (error: unknown, aliases: Record<string, string> = {}) => {
      if (error instanceof ApiError && error.fields.length > 0) {
        const mapped: Record<string, string> = {};
        const unmatched: string[] = [];
        for (const f of error.fields) {
          const key = aliases[f.field] ?? f.field;
          if (key) mapped[key] = mapped[key] ? `${mapped[key]} ${sentence(f.message)}` : sentence(f.message);
          else unmatched.push(f.message);
        }
        setErrors(mapped);
        // The banner names fields as people know them ("Password"), never by their wire path (`user.password`).
        setFormError(
          unmatched.length
            ? unmatched.join(' ')
            : error.fields.map((f) => sentence(`${fieldLabel(f.field)} ${f.message}`)).join(' '),
        );
        return;
      }
      setErrors({});
      setFormError(errorMessage(error));
    },
    [setErrors],
  );

  return Object.assign(form, { formError, setFormError, showError });
}

export type SchemaForm<V extends Record<string, unknown>> = ReturnType<typeof useSchemaForm<V>>;
