import { ActionIcon, Group, Progress, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { formatSize } from './attachment-kinds.ts';
import classes from './attachments.module.css';
import type { UploadItem } from './use-attachment-uploads.ts';

const STATUS: Record<UploadItem['status'], string> = {
  queued: 'waiting',
  uploading: 'uploading',
  done: 'attached',
  failed: 'not attached',
};

/** The files on their way: progress while uploading, the server's reason when it refused one. */
export function UploadList({ items, onRemove }: { items: UploadItem[]; onRemove: (key: number) => void }) {
  if (items.length === 0) return null;
  return (
    <Stack component="ul" gap={6} aria-label="Files to attach" className={classes.uploads}>
      {items.map((item) => (
        <li key={item.key} aria-label={item.file.name} data-status={item.status}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" truncate="end">
              {item.file.name}{' '}
              <Text span size="xs" c="dimmed">
                {formatSize(item.file.size)} · {STATUS[item.status]}
                {item.status === 'uploading' ? ` ${Math.round(item.progress * 100)} %` : ''}
              </Text>
            </Text>
            {(item.status === 'queued' || item.status === 'failed') && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Remove ${item.file.name}`}
                onClick={() => onRemove(item.key)}
              >
                <IconX size={14} />
              </ActionIcon>
            )}
          </Group>
          {item.status === 'uploading' && (
            <Progress value={item.progress * 100} size="xs" aria-label={`Uploading ${item.file.name}`} />
          )}
          {item.error && (
            <Text size="xs" c="red" role="alert">
              {item.error}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}
