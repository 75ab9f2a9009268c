import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';

/**
 * A calendar date (`YYYY-MM-DD`, no zone) that can be typed or picked: typing "2026-11-23" works
 * from the keyboard, the calendar opens on click.
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  description,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  required?: boolean;
  description?: string;
}) {
  return (
    <DateInput
      label={label}
      description={description}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      error={error}
      required={required}
      popoverProps={{ withinPortal: true }}
    />
  );
}
