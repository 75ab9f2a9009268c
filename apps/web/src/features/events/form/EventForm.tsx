import { Button, Group, Kbd, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { type ReactNode, useCallback, useState } from 'react';
import { FormError } from '../../../components/QueryState.tsx';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';
import { AttackPicker } from './AttackPicker.tsx';
import { ContextPicker } from './ContextPicker.tsx';
import { FilesField } from './FilesField.tsx';
import classes from './form.module.css';
import { type EventFormValues, type FormMode, initialValues, toRequestBody } from './form-values.ts';
import { ConflictStep } from './merge/ConflictStep.tsx';
import { EVENT_MERGE_FIELDS } from './merge/event-merge-fields.ts';
import { useSaveConflict } from './merge/use-save-conflict.ts';
import { OperatorField } from './OperatorField.tsx';
import { type SuggestionChoice, Suggestions } from './Suggestions.tsx';
import { describeSaveError, saveEvent } from './save-event.ts';
import { TagsField } from './TagsField.tsx';
import { TimeField } from './TimeField.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" className={classes.section}>
      <Title order={5} c="dimmed">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export interface EventFormProps {
  mode: FormMode;
  event: EventDto | null;
  engagement: string;
  me: { username: string };
  zone: string;
  onSaved: (saved: EventDto) => void;
  onCancel: () => void;
}

/**
 * Create, edit, clone and lateral-move clone of an event; Ctrl/Cmd+Enter saves. An edit saves against
 * the version it started from; if someone else saved first, the merge view takes the form's place.
 */
export function EventForm({ mode, event, engagement, me, zone, onSaved, onCancel }: EventFormProps) {
  const [values, setValues] = useState<EventFormValues>(() => initialValues(mode, event, me, zone));
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
      onSaved(await saveEvent(mode, against, v, built.body));
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

  const saveLabel = mode === 'edit' ? 'Save changes' : 'Create event';
  if (conflict)
    return (
      <ConflictStep
        conflict={conflict}
        fields={EVENT_MERGE_FIELDS}
        toValues={toValues}
        saveLabel="Save merged event"
        onSave={persist}
        onEdit={(merged, theirs) => {
          closeConflict();
          setValues(merged);
          setBase(theirs);
        }}
        onBack={closeConflict}
        onCloseForm={onCancel}
      />
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
      aria-label="Event"
      noValidate
    >
      <Stack gap="md">
        <Section title="When">
          <TimeField
            label="Start"
            value={values.timestamp}
            onChange={(t) => set('timestamp', t)}
            error={errors.timestamp}
            userZone={zone}
          />
          {values.hasEnd ? (
            <TimeField
              label="End"
              value={values.timestampEnd}
              onChange={(t) => set('timestampEnd', t)}
              error={errors.timestamp_end}
              userZone={zone}
              onRemove={() => set('hasEnd', false)}
            />
          ) : (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() =>
                  setValues((v) => ({
                    ...v,
                    hasEnd: true,
                    timestampEnd: { ...v.timestamp, original: null, chosenUtcMs: v.timestamp.chosenUtcMs },
                  }))
                }
              >
                + Add an end time (…until…)
              </Button>
              {mode !== 'edit' && values.timestamp.original === null && (
                <Text size="xs" c="dimmed">
                  Starts now by default; <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> saves.
                </Text>
              )}
            </Group>
          )}
        </Section>

        <Section title="Who and where">
          <OperatorField
            engagement={engagement}
            value={values.operator}
            onChange={(username) => set('operator', username)}
            error={errors.operator}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <ContextPicker
              engagement={engagement}
              side="source"
              value={values.source}
              onChange={(c) => set('source', c)}
              error={errors.source}
            />
            <ContextPicker
              engagement={engagement}
              side="target"
              value={values.target}
              onChange={(c) => set('target', c)}
              error={errors.target}
            />
          </SimpleGrid>
        </Section>

        <Section title="What happened">
          <Textarea
            label="Description"
            required
            autosize
            minRows={2}
            maxRows={8}
            maxLength={1000}
            value={values.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
            description={`${values.description.length} / 1000`}
            data-autofocus
          />
          <Textarea
            label="Raw evidence"
            className={classes.evidence}
            autosize
            minRows={3}
            maxRows={16}
            spellCheck={false}
            value={values.raw_evidence}
            onChange={(e) => set('raw_evidence', e.currentTarget.value)}
            error={errors.raw_evidence}
            placeholder="Commands and their output"
          />
          <Suggestions
            description={values.description}
            rawEvidence={values.raw_evidence}
            current={values}
            onApply={applySuggestion}
          />
          <TagsField
            engagement={engagement}
            value={values.tags}
            onChange={(tags) => set('tags', tags)}
            error={errors.tags}
          />
        </Section>

        <Section title="MITRE ATT&CK">
          <AttackPicker
            value={values}
            onChange={(a) => setValues((v) => ({ ...v, ...a }))}
            errors={{ tactic: errors.tactic, technique: errors.technique, subtechnique: errors.subtechnique }}
          />
        </Section>

        <Section title="Result">
          <Textarea
            label="Outcome"
            autosize
            minRows={1}
            maxRows={6}
            maxLength={1000}
            value={values.outcome}
            onChange={(e) => set('outcome', e.currentTarget.value)}
            error={errors.outcome}
          />
          <Group grow>
            <Select
              label="Detected?"
              data={detectedOptions}
              value={values.detected}
              allowDeselect={false}
              onChange={(v) => v && set('detected', v)}
              error={errors.detected}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Prevented?"
              data={preventedOptions}
              value={values.prevented}
              allowDeselect={false}
              onChange={(v) => v && set('prevented', v)}
              error={errors.prevented}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
        </Section>

        <Section title="Files (IOCs)">
          <FilesField
            engagement={engagement}
            rows={values.files}
            onChange={(f) => set('files', f)}
            errors={errors}
          />
        </Section>

        <FormError message={formError} />
        <Group justify="space-between" className={classes.actions}>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd>/<Kbd size="xs">⌘</Kbd> + <Kbd size="xs">Enter</Kbd> saves ·{' '}
            <Kbd size="xs">Esc</Kbd> closes
          </Text>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {saveLabel}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
