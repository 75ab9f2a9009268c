import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { clearDraft, readDraft, writeDraft } from './draft/draft-store.ts';
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
  /** Where the unsaved values are kept (draft-store.ts); without it nothing is kept. */
  draftKey?: string;
}

/**
 * The event form's state and saving: values, field and form errors, the version the values build on,
 * and the merge step when someone else saved first (a save never overwrites).
 */
export function useEventForm({
  mode,
  event,
  engagement,
  me,
  zone,
  onSaved,
  initial,
  save,
  draftKey,
}: EventFormState) {
  const [draft] = useState(() => (draftKey ? readDraft(draftKey) : null));
  /** What "unchanged" means: the values the form opened with (or took from a teammate's save). */
  const [pristine, setPristine] = useState<EventFormValues>(
    () => initial ?? initialValues(mode, event, me, zone),
  );
  const [values, setValues] = useState<EventFormValues>(() => draft?.values ?? pristine);
  /** The stored version this form's values build on (moves on when the user merges a newer one). */
  const [base, setBase] = useState<EventDto | null>(() => draft?.base ?? event);
  const [restoredAt, setRestoredAt] = useState<number | null>(draft?.savedAt ?? null);
  const pristineJson = useMemo(() => JSON.stringify(pristine), [pristine]);
  const dirty = useMemo(() => JSON.stringify(values) !== pristineJson, [values, pristineJson]);
  // Every change is kept as the draft at once (a reload, a closed drawer or a crash loses nothing).
  useEffect(() => {
    if (!draftKey) return;
    if (dirty) writeDraft(draftKey, { savedAt: Date.now(), values, base });
    else clearDraft(draftKey);
  }, [draftKey, dirty, values, base]);
  /** Back to the values the form opened with; the draft goes. */
  const discardDraft = useCallback(() => {
    if (draftKey) clearDraft(draftKey);
    setValues(pristine);
    setBase(event);
    setRestoredAt(null);
  }, [draftKey, pristine, event]);
  /** A teammate saved: an untouched form shows their version at once. */
  const adoptNewer = useCallback(
    (latest: EventDto) => {
      const next = initialValues('edit', latest, me, zone);
      setPristine(next);
      setValues(next);
      setBase(latest);
    },
    [me, zone],
  );
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
      const saved = await (save ? save(built.body) : saveEvent(mode, against, v, built.body));
      if (draftKey) clearDraft(draftKey);
      // Saved values are the new "unchanged": the draft effect must not write them back.
      setPristine(v);
      setValues(v);
      onSaved(saved);
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
    dirty,
    base,
    restoredAt,
    discardDraft,
    adoptNewer,
    openConflict,
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
