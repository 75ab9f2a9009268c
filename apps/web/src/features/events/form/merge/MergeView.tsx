import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DateTime } from '../../../../components/DateTime.tsx';
import { FormError } from '../../../../components/QueryState.tsx';
import type { EventFormValues } from '../form-values.ts';
import {
  applyChoices,
  comparableValues,
  displayValue,
  type EventMergeField,
  MERGE_FIELD_LABELS,
} from './event-merge-fields.ts';
import type { FieldAttributions } from './field-attribution.ts';
import { MergeFieldChoice } from './MergeFieldChoice.tsx';
import { type Choices, chooseAll, diffThreeWay, initialChoices, unresolvedFields } from './three-way.ts';

export interface MergeViewProps {
  /** The fields this form can write (the limited form writes three). */
  fields: readonly EventMergeField[];
  base: EventFormValues;
  mine: EventFormValues;
  theirs: EventFormValues;
  theirsEvent: EventDto;
  attributions: FieldAttributions;
  /** 2 and more: the merged save was itself overtaken by another change. */
  round: number;
  saveLabel: string;
  /** Saves the merged values against `theirsEvent.version` (a new 409 starts another round). */
  onSave: (merged: EventFormValues) => Promise<void>;
  /** Back to the full form with the merged values, to keep editing (absent for the limited form). */
  onEdit?: (merged: EventFormValues) => void;
}

/**
 * Shown instead of the form when a save is refused because someone else saved first: every field on
 * which the user's values and the current ones differ, side by side, each with a choice. Nothing is
 * written until the user saves the merge, and a field both sides changed has to be chosen first.
 */
export function MergeView({
  fields,
  base,
  mine,
  theirs,
  theirsEvent,
  attributions,
  round,
  saveLabel,
  onSave,
  onEdit,
}: MergeViewProps) {
  const diffs = useMemo(
    () => diffThreeWay(fields, comparableValues(base), comparableValues(mine), comparableValues(theirs)),
    [fields, base, mine, theirs],
  );
  const [choices, setChoices] = useState<Choices<EventMergeField>>(() => initialChoices(diffs));
  const [saving, setSaving] = useState(false);
  const [missing, setMissing] = useState<EventMergeField[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const who = theirsEvent.updated_by ?? 'Someone';
  const merged = () => applyChoices(mine, theirs, choices);
  const pending = unresolvedFields(diffs, choices);

  /** Both ways out need a choice for every field both sides changed: no value is dropped by default. */
  const allChosen = () => {
    setMissing(pending);
    if (pending.length)
      document
        .querySelector<HTMLElement>(`[data-testid="merge-field-${pending[0]}"] [role="radio"]`)
        ?.focus();
    return pending.length === 0;
  };

  const save = async () => {
    if (saving || !allChosen()) return;
    setSaving(true);
    try {
      await onSave(merged());
    } finally {
      setSaving(false);
    }
  };

  const choose = (field: EventMergeField, side: 'mine' | 'theirs') => {
    setChoices((c) => ({ ...c, [field]: side }));
    setMissing((m) => m.filter((f) => f !== field));
  };

  return (
    <form
      aria-label="Merge your changes"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" role="alert">
          <Stack gap={6}>
            <Title order={4} ref={heading} tabIndex={-1}>
              {round > 1
                ? `${who} saved this event again before your merge`
                : `${who} saved this event while you were editing it`}
            </Title>
            <Text size="sm">
              Nothing of yours has been saved yet, and nothing of theirs was overwritten. For each field that
              differs, keep your value or take theirs, then save.
            </Text>
            <Text size="xs" c="dimmed">
              Current version {theirsEvent.version}, saved at{' '}
              <DateTime value={theirsEvent.updated_at} seconds />.
            </Text>
          </Stack>
        </Alert>

        {diffs.length === 0 ? (
          <Text size="sm" data-testid="merge-nothing-differs">
            Their version already holds every value you set. Saving keeps it as it is.
          </Text>
        ) : (
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed" aria-live="polite">
              {diffs.length} field{diffs.length === 1 ? '' : 's'} differ
              {pending.length ? ` · ${pending.length} still to choose` : ' · all chosen'}
            </Text>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setChoices(chooseAll(diffs, 'mine'))}>
                Keep all mine
              </Button>
              <Button variant="default" size="xs" onClick={() => setChoices(chooseAll(diffs, 'theirs'))}>
                Take all theirs
              </Button>
            </Group>
          </Group>
        )}

        {diffs.map((d) => (
          <MergeFieldChoice
            key={d.field}
            field={d.field}
            label={MERGE_FIELD_LABELS[d.field]}
            changedBy={d.changedBy}
            choice={choices[d.field]}
            onChoose={(side) => choose(d.field, side)}
            mine={displayValue(d.field, mine)}
            theirs={displayValue(d.field, theirs)}
            before={displayValue(d.field, base)}
            theirName={attributions[d.field]?.actor ?? who}
            attribution={attributions[d.field]}
          />
        ))}

        <FormError
          message={
            missing.length
              ? `Choose your value or theirs for: ${missing.map((f) => MERGE_FIELD_LABELS[f]).join(', ')}.`
              : null
          }
        />
        <Group justify="flex-end">
          {onEdit && (
            <Button variant="default" onClick={() => allChosen() && onEdit(merged())} disabled={saving}>
              Back to the form
            </Button>
          )}
          <Button type="submit" loading={saving}>
            {saveLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
