import { ActionIcon, Button, Group, Radio, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import { formatDateTimeSeconds, timezoneList } from '../../../lib/dates.ts';
import { formatOffset, wallTimeToUtc } from '../time/wall-time.ts';
import { IconClock, IconTrash } from '../ui/event-icons.tsx';
import { nowTime, type TimeValue } from './form-values.ts';

let zones: { value: string; label: string }[] | null = null;
const zoneOptions = () => {
  zones ??= timezoneList().map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  return zones;
};

/**
 * A time as the user thinks of it: the wall clock reading (seconds kept) plus the IANA zone it was read
 * in. Below it, what will be stored (UTC) and how it reads in the user's own zone, so a wrong zone is
 * obvious before saving. A time the clocks skipped is an error; one they showed twice asks which.
 */
export function TimeField({
  label,
  value,
  onChange,
  error,
  userZone,
  onRemove,
}: {
  label: string;
  value: TimeValue;
  onChange: (v: TimeValue) => void;
  error?: string;
  userZone: string;
  onRemove?: () => void;
}) {
  const result = useMemo(
    () => (value.wall ? wallTimeToUtc(value.wall, value.zone) : null),
    [value.wall, value.zone],
  );
  const untouched =
    value.original && value.original.wall === value.wall && value.original.zone === value.zone;
  const instant = untouched
    ? Date.parse(value.original?.iso ?? '')
    : result?.kind === 'ok'
      ? result.utcMs
      : result?.kind === 'ambiguous'
        ? (result.candidates.find((c) => c.utcMs === value.chosenUtcMs)?.utcMs ?? null)
        : null;
  const localError =
    result && !untouched && (result.kind === 'gap' || result.kind === 'invalid') ? result.message : undefined;
  const id = label.toLowerCase().replaceAll(' ', '-');

  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          id={`event-${id}`}
          label={label}
          aria-label={label}
          type="datetime-local"
          step={1}
          value={value.wall}
          onChange={(e) => onChange({ ...value, wall: e.currentTarget.value, chosenUtcMs: null })}
          error={error ?? localError}
          required
          w={230}
        />
        <Select
          label={`${label} zone`}
          data={zoneOptions()}
          value={value.zone}
          onChange={(z) => z && onChange({ ...value, zone: z, chosenUtcMs: null })}
          searchable
          allowDeselect={false}
          w={220}
          comboboxProps={{ withinPortal: true }}
        />
        <Tooltip label="Set to the current time">
          <Button
            variant="default"
            leftSection={<IconClock size={14} />}
            onClick={() => onChange(nowTime(value.zone))}
          >
            Now
          </Button>
        </Tooltip>
        {onRemove && (
          <Tooltip label="Remove the end time">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label="Remove end time"
              onClick={onRemove}
            >
              <IconTrash />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {result?.kind === 'ambiguous' && !untouched && (
        <Radio.Group
          label={`${value.wall.replace('T', ' ')} happens twice in ${value.zone} (the clocks went back). Which one?`}
          value={value.chosenUtcMs === null ? null : String(value.chosenUtcMs)}
          onChange={(v) => onChange({ ...value, chosenUtcMs: Number(v) })}
          size="sm"
        >
          <Group mt={4}>
            {result.candidates.map((c, i) => (
              <Radio
                key={c.utcMs}
                value={String(c.utcMs)}
                label={`${i === 0 ? 'The first' : 'The second'} (UTC${formatOffset(c.offsetMinutes)}) = ${new Date(c.utcMs).toISOString().slice(11, 19)} UTC`}
              />
            ))}
          </Group>
        </Radio.Group>
      )}
      {instant !== null && !Number.isNaN(instant) && (
        <Text size="xs" c="dimmed" data-testid={`${id}-utc`}>
          Stored as {new Date(instant).toISOString().replace('.000Z', 'Z')}
          {value.zone !== userZone ? ` · ${formatDateTimeSeconds(instant, userZone)} in ${userZone}` : ''}
        </Text>
      )}
    </Stack>
  );
}
