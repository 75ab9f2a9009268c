import { Tooltip } from '@mantine/core';
import { useTimezone } from '../features/auth/use-me.ts';
import { formatDateTime, formatDateTimeSeconds } from '../lib/dates.ts';

/** A timestamp in the user's zone and the browser's locale; hover shows the exact UTC value. */
export function DateTime({
  value,
  seconds = false,
}: {
  value: string | null | undefined;
  seconds?: boolean;
}) {
  const timezone = useTimezone();
  if (!value) return <span>—</span>;
  const text = seconds ? formatDateTimeSeconds(value, timezone) : formatDateTime(value, timezone);
  return (
    <Tooltip label={`${value} (UTC)`} openDelay={400}>
      <time dateTime={value}>{text}</time>
    </Tooltip>
  );
}
