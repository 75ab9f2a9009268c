import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { timezoneList } from '../../lib/dates.ts';

function offsetLabel(zone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    }).formatToParts(now);
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return offset === 'GMT' ? 'UTC' : offset.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/** Every IANA zone, searchable by name, each with its current UTC offset. */
export function TimezoneSelect({
  value,
  onChange,
  error,
  label = 'Timezone',
  description,
  autoFocus,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: ReactNode;
  label?: string;
  description?: string;
  autoFocus?: boolean;
}) {
  const data = useMemo(() => {
    const now = new Date();
    return timezoneList().map((zone) => {
      const offset = offsetLabel(zone, now);
      return {
        value: zone,
        label: offset && zone !== 'UTC' ? `${zone.replaceAll('_', ' ')} (${offset})` : zone,
      };
    });
  }, []);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={(v) => v && onChange(v)}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No timezone matches"
      limit={100}
      maxDropdownHeight={280}
      error={error}
      required
      data-autofocus={autoFocus || undefined}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
