import { Progress, Stack, Text } from '@mantine/core';
import type { WorkerProgress } from './use-import-stage.ts';

/**
 * The upload's progress; once every byte is sent the bar keeps moving while the server `working`. A
 * background import (a large file) then shows the worker's progress: waiting for it, then the share
 * of the file read and the lines imported.
 */
export function ImportProgress({
  fraction,
  name,
  working,
  worker,
}: {
  fraction: number;
  name: string;
  working: string;
  worker?: WorkerProgress;
}) {
  if (worker) {
    const share = worker.total ? Math.min(1, worker.bytes / worker.total) : null;
    const text =
      worker.status === 'queued'
        ? `${name} is uploaded and waits for the background worker…`
        : `${working} ${name} in the background: ${worker.lines.toLocaleString('en')} lines${
            share === null ? '' : ` (${Math.round(share * 100)}%)`
          }…`;
    return (
      <Stack gap="xs">
        <Text size="sm">{text}</Text>
        <Progress
          value={share === null ? 100 : Math.round(share * 100)}
          animated={share === null}
          aria-label="Import progress"
        />
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{fraction < 1 ? `Uploading ${name}…` : `${working} ${name}…`}</Text>
      <Progress value={Math.round(fraction * 100)} animated={fraction >= 1} aria-label="Import progress" />
    </Stack>
  );
}
