import { useCallback, useRef, useState } from 'react';
import { ApiError, errorMessage } from './api-error.ts';

/**
 * Minimal form state: values, per-field errors (client checks or the server's `fields`), and a
 * form-level error for anything not tied to a field.
 */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  // Callers often pass a fresh object each render; only the first one counts, so `reset` stays stable.
  const initialRef = useRef(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setField = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key as string] ? { ...e, [key as string]: undefined } : e));
  }, []);

  /**
   * Shows a failed request: field errors next to their fields (a nested name such as `user.password`
   * also matches the field `password` via `aliases`), everything else above the form.
   */
  const showError = useCallback((error: unknown, aliases: Record<string, string> = {}) => {
    if (error instanceof ApiError && error.fields.length > 0) {
      const mapped: Record<string, string> = {};
      const unmatched: string[] = [];
      for (const f of error.fields) {
        const key = aliases[f.field] ?? f.field;
        if (key) mapped[key] = mapped[key] ? `${mapped[key]} ${f.message}` : f.message;
        else unmatched.push(f.message);
      }
      setErrors(mapped);
      setFormError(unmatched.length ? unmatched.join(' ') : error.message);
      return;
    }
    setErrors({});
    setFormError(errorMessage(error));
  }, []);

  const reset = useCallback((next?: T) => {
    setValues(next ?? initialRef.current);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, setValues, setField, errors, setErrors, formError, setFormError, showError, reset };
}
