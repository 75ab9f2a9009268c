import { Progress, Stack, Text } from '@mantine/core';

/** The upload's progress; once every byte is sent the bar keeps moving while the server `working`. */
export function ImportProgress({
  fraction,
  name,
  working,
}: {
  fraction: number;
  name: string;
  working: string;
}) {
  return (
    <Stack gap="xs">
      <Text size="sm">{fraction < 1 ? `Uploading ${name}…` : `${working} ${name}…`}</Text>
      <Progress value={Math.round(fraction * 100)} animated={fraction >= 1} aria-label="Import progress" />
    </Stack>
  );
}
