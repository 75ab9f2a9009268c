import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { FormError } from '../../../components/QueryState.tsx';
import { ApiError, errorMessage, isApiError } from '../../../lib/api-error.ts';
import { formatDateTimeSeconds } from '../../../lib/dates.ts';
import { limitedUpdateEvent } from '../api/events-api.ts';
import { ContextLines } from '../ui/ContextLines.tsx';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';
import { clearDraft, readDraft, writeDraft } from './draft/draft-store.ts';
import { RestoredDraftNotice } from './draft/FormNotices.tsx';
import { type EventFormValues, initialValues } from './form-values.ts';
import { ConflictStep } from './merge/ConflictStep.tsx';
import { LIMITED_MERGE_FIELDS } from './merge/event-merge-fields.ts';
import { useSaveConflict } from './merge/use-save-conflict.ts';

type LimitedValues = Pick<EventFormValues, 'outcome' | 'detected' | 'prevented'>;

function EventSummary({ event, zone }: { event: EventDto; zone: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid="limited-summary">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {formatDateTimeSeconds(event.timestamp, zone)}
          {event.operator ? ` · ${event.operator}` : ''}
          {event.mitre_attack_label ? ` · ${event.mitre_attack_label}` : ''}
        </Text>
        <SimpleGrid cols={2}>
          <div>
            <Text size="xs" fw={600} c="dimmed">
              Source
            </Text>
            <ContextLines context={event.source} />
          </div>
          <div>
            <Text size="xs" fw={600} c="dimmed">
              Target
            </Text>
            <ContextLines context={event.target} />
          </div>
        </SimpleGrid>
        <Text size="sm">{event.description}</Text>
      </Stack>
    </Paper>
  );
}

/**
 * The blue team's form (`event.change_limited`): what happened is shown read-only; only the outcome,
 * Detected and Prevented can change (the server ignores anything else, whatever is posted). A save
 * overtaken by someone else's opens the merge view for those three fields. Like the operator's form,
 * typed changes are kept as a draft in the tab (draft-store.ts) until saved or discarded, and the
 * drawer asks before closing over them (`onDirtyChange`).
 */
export function LimitedEventForm({
  event,
  zone,
  onSaved,
  onCancel,
  draftKey,
  onDirtyChange,
}: {
  event: EventDto;
  zone: string;
  onSaved: (e: EventDto) => void;
  onCancel: () => void;
  draftKey?: string;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const [draft] = useState(() => (draftKey ? readDraft(draftKey) : null));
  /** The stored version the values build on (moves on when the user merges a newer one). */
  const [base, setBase] = useState(draft?.base ?? event);
  const [outcome, setOutcome] = useState(draft?.values.outcome ?? event.outcome);
  const [detected, setDetected] = useState(draft?.values.detected ?? event.detected);
  const [prevented, setPrevented] = useState(draft?.values.prevented ?? event.prevented);
  const [restoredAt, setRestoredAt] = useState<number | null>(draft?.savedAt ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { conflict, open: openConflict, close: closeConflict } = useSaveConflict<EventFormValues>();
  // The merge view compares whole form values; only the three limited fields are offered.
  const toValues = useCallback((e: EventDto) => initialValues('edit', e, { username: '' }, zone), [zone]);
  // Unchanged means equal to the version the values build on: after a merge, that is the newer one.
  const dirty = outcome !== base.outcome || detected !== base.detected || prevented !== base.prevented;
  useLayoutEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  // Every change is kept at once, in the operator form's draft shape (its other fields are the event's).
  useEffect(() => {
    if (!draftKey) return;
    if (dirty)
      writeDraft(draftKey, {
        savedAt: Date.now(),
        values: { ...toValues(base), outcome, detected, prevented },
        base,
      });
    else clearDraft(draftKey);
  }, [draftKey, dirty, outcome, detected, prevented, base, toValues]);
  const discardDraft = () => {
    if (draftKey) clearDraft(draftKey);
    show(event, event);
    setRestoredAt(null);
  };

  const show = (v: LimitedValues, against: EventDto) => {
    setOutcome(v.outcome);
    setDetected(v.detected);
    setPrevented(v.prevented);
    setBase(against);
  };

  /** Saves `v` against the version `against`; a 409 opens the merge view, never overwrites. */
  const persist = async (v: LimitedValues, against: EventDto) => {
    try {
      const saved = await limitedUpdateEvent(against.id, against.version, {
        outcome: v.outcome,
        detected: v.detected as never,
        prevented: v.prevented as never,
      });
      if (draftKey) clearDraft(draftKey);
      // The saved values are the new "unchanged": the draft effect must not write them back.
      show(saved, saved);
      onSaved(saved);
    } catch (e) {
      show(v, against);
      if (isApiError(e, 409)) return openConflict(against, { ...toValues(against), ...v });
      closeConflict();
      if (e instanceof ApiError && e.fields.length) {
        setErrors(e.fieldMap());
        setFormError(e.message);
      } else setFormError(errorMessage(e));
    }
  };

  const submit = async () => {
    if (saving) return;
    setSaving(true);
    setFormError(null);
    try {
      await persist({ outcome, detected, prevented }, base);
    } finally {
      setSaving(false);
    }
  };

  if (conflict)
    return (
      <Stack gap="md">
        {conflict.kind === 'ready' && <EventSummary event={conflict.theirs} zone={zone} />}
        <ConflictStep
          conflict={conflict}
          fields={LIMITED_MERGE_FIELDS}
          toValues={toValues}
          saveLabel="Save merged outcome"
          onSave={persist}
          onEdit={(merged, theirs) => {
            closeConflict();
            show(merged, theirs);
          }}
          onBack={closeConflict}
          onCloseForm={onCancel}
        />
      </Stack>
    );

  return (
    <form
      aria-label="Event outcome"
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
    >
      <Stack gap="md">
        {restoredAt !== null && dirty && (
          <RestoredDraftNotice savedAt={restoredAt} zone={zone} onDiscard={discardDraft} />
        )}
        <EventSummary event={base} zone={zone} />
        <Textarea
          label="Outcome"
          autosize
          minRows={2}
          maxLength={1000}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={errors.outcome}
          data-autofocus
        />
        <Group grow>
          <Select
            label="Detected?"
            data={detectedOptions}
            value={detected}
            allowDeselect={false}
            onChange={(v) => v && setDetected(v)}
            error={errors.detected}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Prevented?"
            data={preventedOptions}
            value={prevented}
            allowDeselect={false}
            onChange={(v) => v && setPrevented(v)}
            error={errors.prevented}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <FormError message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Save outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
