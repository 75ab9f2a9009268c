import { DateTimePicker } from '@mantine/dates';
import { toIsoUtc, utcToWallTime, wallTimeToUtc } from '../time/wall-time.ts';

/**
 * From / to: picked on the user's clock (one Tab stop: a calendar with a time field opens on Enter or
 * click), sent as UTC instants.
 */
export function TimeBoundFilter({
  label,
  value,
  zone,
  onChange,
}: {
  label: string;
  value: string;
  zone: string;
  onChange: (iso: string) => void;
}) {
  const wall = value ? utcToWallTime(value, zone).replace('T', ' ') : null;
  return (
    <DateTimePicker
      size="xs"
      label={label}
      value={wall}
      valueFormat="YYYY-MM-DD HH:mm"
      placeholder="Any time"
      clearable
      w={175}
      popoverProps={{ withinPortal: true }}
      onChange={(v) => {
        if (!v) return onChange('');
        const r = wallTimeToUtc(v.replace(' ', 'T'), zone);
        if (r.kind === 'ok') onChange(toIsoUtc(r.utcMs));
        else if (r.kind === 'ambiguous') onChange(toIsoUtc(r.candidates[0].utcMs));
      }}
    />
  );
}
