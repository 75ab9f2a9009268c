import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { useCallback, useState } from 'react';
import { type EventFormValues, type FormMode, initialValues, toRequestBody } from './form-values.ts';
import { useSaveConflict } from './merge/use-save-conflict.ts';
import type { SuggestionChoice } from './Suggestions.tsx';
import { describeSaveError, saveEvent } from './save-event.ts';

export interface EventFormState {
  mode: FormMode;
  event: EventDto | null;
  engagement: string;
  me: { username: string };
  zone: string;
  onSaved: (saved: EventDto) => void;
  /** Values to start from instead of the mode's (e.g. an EventStream line being cloned). */
  initial?: EventFormValues;
  /** Saves the request body instead of the events API (e.g. the clone that links its source line). */
  save?: (body: EventFields) => Promise<EventDto>;
}

/**
 * The event form's state and saving: values, field and form errors, the version the values build on,
 * and the merge step when someone else saved first (a save never overwrites).
 */
export function useEventForm({ mode, event, engagement, me, zone, onSaved, initial, save }: EventFormState) {
  const [values, setValues] = useState<EventFormValues>(
    () => initial ?? initialValues(mode, event, me, zone),
  );
  /** The stored version this form's values build on (moves on when the user merges a newer one). */
  const [base, setBase] = useState<EventDto | null>(event);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { conflict, open: openConflict, close: closeConflict } = useSaveConflict<EventFormValues>();
  const username = me.username;
  const toValues = useCallback(
    (e: EventDto) => initialValues('edit', e, { username }, zone),
    [username, zone],
  );

  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key as string] ? { ...e, [key as string]: undefined } : e));
  };

  const applySuggestion = (s: SuggestionChoice) =>
    setValues((v) => ({
      ...v,
      ...(s.tactic_id
        ? {
            tactic: s.tactic_id,
            technique: s.subtechnique_id ? (s.subtechnique_id.split('.')[0] ?? null) : s.technique_id,
            subtechnique: s.subtechnique_id,
          }
        : {}),
      description: v.description.trim() ? v.description : (s.description ?? v.description),
    }));

  /** Back to the form showing `v` on top of `against`, with the errors that stopped the save. */
  const showInForm = (
    v: EventFormValues,
    against: EventDto | null,
    fields: Record<string, string>,
    message: string,
  ) => {
    closeConflict();
    setValues(v);
    setBase(against);
    setErrors(fields);
    setFormError(message);
  };

  /** Saves `v` against the version `against`; a 409 opens the merge view, never overwrites. */
  const persist = async (v: EventFormValues, against: EventDto | null) => {
    const built = toRequestBody(v, engagement);
    if (!built.body) return showInForm(v, against, built.errors, 'Please correct the fields marked in red.');
    try {
      onSaved(await (save ? save(built.body) : saveEvent(mode, against, v, built.body)));
    } catch (e) {
      const shown = describeSaveError(e, built.fileKeys);
      if (shown.conflict && against) {
        setValues(v);
        setBase(against);
        await openConflict(against, v);
      } else showInForm(v, against, shown.fields, shown.message);
    }
  };

  const submit = async () => {
    if (saving) return;
    setFormError(null);
    setSaving(true);
    try {
      await persist(values, base);
    } finally {
      setSaving(false);
    }
  };

  return {
    values,
    setValues,
    set,
    errors,
    formError,
    saving,
    submit,
    persist,
    applySuggestion,
    conflict,
    closeConflict,
    setBase,
    toValues,
  };
}
