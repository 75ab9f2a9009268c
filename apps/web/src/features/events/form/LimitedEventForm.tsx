import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { useState } from 'react';
import { FormError } from '../../../components/QueryState.tsx';
import { ApiError, errorMessage, isApiError } from '../../../lib/api-error.ts';
import { formatDateTimeSeconds } from '../../../lib/dates.ts';
import { limitedUpdateEvent } from '../api/events-api.ts';
import { ContextLines } from '../ui/ContextLines.tsx';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';

/**
 * The blue team's form (`event.change_limited`): what happened is shown read-only; only the outcome,
 * Detected and Prevented can change (the server ignores anything else, whatever is posted).
 */
export function LimitedEventForm({
  event,
  zone,
  onSaved,
  onCancel,
  onReload,
}: {
  event: EventDto;
  zone: string;
  onSaved: (e: EventDto) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [outcome, setOutcome] = useState(event.outcome);
  const [detected, setDetected] = useState(event.detected);
  const [prevented, setPrevented] = useState(event.prevented);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setFormError(null);
    try {
      onSaved(
        await limitedUpdateEvent(event.id, event.version, {
          outcome,
          detected: detected as never,
          prevented: prevented as never,
        }),
      );
    } catch (e) {
      if (isApiError(e, 409)) setConflict(true);
      else if (e instanceof ApiError && e.fields.length) {
        setErrors(e.fieldMap());
        setFormError(e.message);
      } else setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

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
        {conflict && (
          <Alert color="orange" title="Someone else changed this event meanwhile" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">Your changes were not saved. Reload to see the current version.</Text>
              <Button size="xs" color="orange" onClick={onReload}>
                Reload the current version
              </Button>
            </Stack>
          </Alert>
        )}
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
