import { Button, Group, Kbd, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { detectedOptions, preventedOptions } from '../ui/choices.ts';
import classes from './form.module.css';
import type { EventFormValues, FormMode } from './form-values.ts';
import { TimeField } from './TimeField.tsx';

type Set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) => void;
type Errors = Record<string, string | undefined>;

/** A titled group of fields of the event form. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" className={classes.section}>
      <Title order={5} c="dimmed">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Start, and the optional end, in the user's zone. */
export function WhenSection({
  mode,
  values,
  setValues,
  set,
  errors,
  zone,
}: {
  mode: FormMode;
  values: EventFormValues;
  setValues: Dispatch<SetStateAction<EventFormValues>>;
  set: Set;
  errors: Errors;
  zone: string;
}) {
  return (
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
  );
}

/** Outcome, Detected? and Prevented?: what the blue team saw. */
export function ResultSection({
  values,
  set,
  errors,
}: {
  values: EventFormValues;
  set: Set;
  errors: Errors;
}) {
  return (
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
  );
}
