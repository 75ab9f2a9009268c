import { Alert, Button, Group, Text } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { formatDateTimeSeconds } from '../../../../lib/dates.ts';

/** "Your unsaved changes from 14:02 are back", with a way to drop them. */
export function RestoredDraftNotice({
  savedAt,
  zone,
  onDiscard,
}: {
  savedAt: number;
  zone: string;
  onDiscard: () => void;
}) {
  return (
    <Alert color="blue" variant="light" title="Unsaved changes restored" data-testid="restored-draft">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          This form holds the changes you had not saved (
          {formatDateTimeSeconds(new Date(savedAt).toISOString(), zone)}).
        </Text>
        <Button size="compact-sm" variant="default" onClick={onDiscard}>
          Discard the draft
        </Button>
      </Group>
    </Alert>
  );
}

/** A teammate saved the event this form edits: shown at once, applied at once when nothing was typed. */
export function TeammateSaveNotice({
  latest,
  applied,
  onReview,
}: {
  latest: EventDto;
  /** The form had no changes and now shows the new version. */
  applied: boolean;
  onReview: () => void;
}) {
  const who = latest.updated_by ?? 'Someone';
  if (applied)
    return (
      <Alert color="teal" variant="light" role="status" data-testid="teammate-save">
        {who} saved this event; the form shows their version (version {latest.version}).
      </Alert>
    );
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      title={`${who} saved this event`}
      data-testid="teammate-save"
    >
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          Their version {latest.version} is newer than the one you are editing. Your changes are kept.
        </Text>
        <Button size="compact-sm" onClick={onReview}>
          Review and merge
        </Button>
      </Group>
    </Alert>
  );
}

/** Teammates with this event's form open now. */
export function EditingNotice({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" role="status" data-testid="also-editing">
      {names.join(', ')} {names.length === 1 ? 'is' : 'are'} also editing this event.
    </Alert>
  );
}
