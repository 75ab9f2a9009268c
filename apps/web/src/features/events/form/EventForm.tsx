import {
  Alert,
  Button,
  Group,
  Kbd,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { type ReactNode, useState } from 'react';
import { FormError } from '../../../components/QueryState.tsx';
import type { SuggestionDto } from '../api/attack-api.ts';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';
import { AttackPicker } from './AttackPicker.tsx';
import { ContextPicker } from './ContextPicker.tsx';
import { FilesField } from './FilesField.tsx';
import classes from './form.module.css';
import { type EventFormValues, type FormMode, initialValues, toRequestBody } from './form-values.ts';
import { Suggestions } from './Suggestions.tsx';
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
  /** Reload the event after a conflict (someone else saved it meanwhile). */
  onReload: () => void;
}

/** Create, edit, clone and lateral-move clone of an event; Ctrl/Cmd+Enter saves. */
export function EventForm({
  mode,
  event,
  engagement,
  me,
  zone,
  onSaved,
  onCancel,
  onReload,
}: EventFormProps) {
  const [values, setValues] = useState<EventFormValues>(() => initialValues(mode, event, me, zone));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key as string] ? { ...e, [key as string]: undefined } : e));
  };

  const applySuggestion = (s: SuggestionDto) =>
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

  const submit = async () => {
    if (saving) return;
    setFormError(null);
    const built = toRequestBody(values, engagement);
    if (!built.body) {
      setErrors(built.errors);
      setFormError('Please correct the fields marked in red.');
      return;
    }
    setSaving(true);
    try {
      onSaved(await saveEvent(mode, event, values, built.body));
    } catch (e) {
      const shown = describeSaveError(e, built.fileKeys);
      if (shown.conflict) setConflict(shown.conflict);
      else {
        setErrors(shown.fields);
        setFormError(shown.message);
      }
    } finally {
      setSaving(false);
    }
  };

  const saveLabel = mode === 'edit' ? 'Save changes' : 'Create event';
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
        {conflict && (
          <Alert
            color="orange"
            title="Someone else changed this event while you were editing it"
            role="alert"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                Your changes were not saved, so theirs were not overwritten. Reload to see the current version
                (your edits in this form will be lost; copy anything you need first).
              </Text>
              <Text size="xs" c="dimmed">
                {conflict}
              </Text>
              <Button size="xs" color="orange" onClick={onReload}>
                Reload the current version
              </Button>
            </Stack>
          </Alert>
        )}
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
          <TextInput
            label="Operator"
            description="The username of whoever did it"
            value={values.operator}
            onChange={(e) => set('operator', e.currentTarget.value)}
            error={errors.operator}
            w={260}
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
