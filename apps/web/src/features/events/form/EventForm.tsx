import { Button, Group, Kbd, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { useEffect, useLayoutEffect, useState } from 'react';
import { FormError } from '../../../components/QueryState.tsx';
import { AttachmentsSection } from '../../attachments/AttachmentsSection.tsx';
import { useFormAttachments } from '../../attachments/use-form-attachments.ts';
import { AttackPicker } from './AttackPicker.tsx';
import { ContextPicker } from './ContextPicker.tsx';
import { RestoredDraftNotice, TeammateSaveNotice } from './draft/FormNotices.tsx';
import { EngagementDatesWarning } from './EngagementDatesWarning.tsx';
import { ResultSection, Section, WhenSection } from './EventFormSections.tsx';
import { FilesField } from './FilesField.tsx';
import classes from './form.module.css';
import type { EventFormValues, FormMode } from './form-values.ts';
import { ConflictStep } from './merge/ConflictStep.tsx';
import { EVENT_MERGE_FIELDS } from './merge/event-merge-fields.ts';
import { OperatorField } from './OperatorField.tsx';
import { Suggestions } from './Suggestions.tsx';
import { TagsField } from './TagsField.tsx';
import { useEventForm } from './use-event-form.ts';

export interface EventFormProps {
  mode: FormMode;
  event: EventDto | null;
  engagement: string;
  me: { username: string };
  zone: string;
  onSaved: (saved: EventDto) => void;
  onCancel: () => void;
  /** Values to start from instead of the mode's (an EventStream line being cloned). */
  initial?: EventFormValues;
  /** Saves instead of the events API (the clone that links the event to its source line). */
  save?: (body: EventFields) => Promise<EventDto>;
  /** Keep unsaved values as a draft under this key (draft-store.ts). */
  draftKey?: string;
  /** Told whenever the form gains or loses unsaved changes (the drawer asks before discarding them). */
  onDirtyChange?: (dirty: boolean) => void;
  /** The newest stored version, as a teammate's save brings it (live). */
  latest?: EventDto | null;
}

/**
 * Create, edit, clone and lateral-move clone of an event; Ctrl/Cmd+Enter saves. An edit saves against
 * the version it started from; if someone else saved first, the merge view takes the form's place.
 */
export function EventForm({
  mode,
  event,
  engagement,
  me,
  zone,
  onSaved,
  onCancel,
  initial,
  save,
  draftKey,
  onDirtyChange,
  latest,
}: EventFormProps) {
  // Attachments of a saved event upload at once; a new event's wait for its save (then the form closes).
  const attachments = useFormAttachments(mode === 'edit' ? (event?.id ?? null) : null, onSaved);
  const {
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
  } = useEventForm({
    mode,
    event,
    engagement,
    me,
    zone,
    onSaved: attachments.afterSave,
    initial,
    save,
    draftKey,
  });
  // A layout effect: the drawer knows before the next key press (an Esc right after typing still asks).
  // Files waiting for the save count as unsaved changes too (closing the form would drop them).
  const unsaved = dirty || attachments.uploads.pending;
  useLayoutEffect(() => onDirtyChange?.(unsaved), [unsaved, onDirtyChange]);
  // A teammate's save: taken over at once by an untouched form, offered for merging otherwise.
  const newer = latest && base && latest.id === base.id && latest.version > base.version ? latest : null;
  const [applied, setApplied] = useState<EventDto | null>(null);
  useEffect(() => {
    if (newer && !dirty) {
      adoptNewer(newer);
      setApplied(newer);
    }
  }, [newer, dirty, adoptNewer]);
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
      onPaste={attachments.onPaste}
      onDragOver={attachments.onDragOver}
      onDrop={attachments.onDrop}
      aria-label="Event"
      noValidate
    >
      <Stack gap="md">
        {restoredAt !== null && dirty && (
          <RestoredDraftNotice savedAt={restoredAt} zone={zone} onDiscard={discardDraft} />
        )}
        {newer && dirty && (
          <TeammateSaveNotice
            latest={newer}
            applied={false}
            onReview={() => base && void openConflict(base, values)}
          />
        )}
        {!newer && applied && <TeammateSaveNotice latest={applied} applied onReview={() => undefined} />}
        <WhenSection
          mode={mode}
          values={values}
          setValues={setValues}
          set={set}
          errors={errors}
          zone={zone}
        />
        <EngagementDatesWarning engagement={engagement} day={values.timestamp.wall.slice(0, 10)} />
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

        <ResultSection values={values} set={set} errors={errors} />
        <Section title="Files (IOCs)">
          <FilesField
            engagement={engagement}
            rows={values.files}
            onChange={(f) => set('files', f)}
            errors={errors}
          />
        </Section>

        <Section title="Attachments">
          <AttachmentsSection
            eventId={mode === 'edit' ? (event?.id ?? null) : null}
            engagement={engagement}
            uploads={attachments.uploads}
          />
        </Section>

        <FormError message={formError} />
        <Group justify="space-between" className={classes.actions}>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd>/<Kbd size="xs">⌘</Kbd> + <Kbd size="xs">Enter</Kbd> saves ·{' '}
            <Kbd size="xs">Esc</Kbd> closes
          </Text>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={saving || attachments.finishing}>
              Cancel
            </Button>
            <Button type="submit" loading={saving || attachments.finishing}>
              {saveLabel}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
