import { Group, Stack, Text } from '@mantine/core';
import type { ContextDto } from '@steppingstones/shared/events';
import classes from '../grid/events.module.css';
import { IconHost, IconProcess, IconUser } from './event-icons.tsx';

/** A context as its host / user / process lines with icons (empty parts left out, "-" if all are). */
export function ContextLines({
  context,
  size = 'sm',
}: {
  context: Omit<ContextDto, 'id' | 'colour'>;
  size?: 'xs' | 'sm';
}) {
  const lines = [
    { key: 'host', icon: IconHost, value: context.host, label: 'Host' },
    { key: 'user', icon: IconUser, value: context.user, label: 'User' },
    { key: 'process', icon: IconProcess, value: context.process, label: 'Process' },
  ].filter((l) => l.value);
  if (lines.length === 0) return <Text size={size}>-</Text>;
  return (
    <Stack gap={2}>
      {lines.map(({ key, icon: Icon, value, label }) => (
        <Group key={key} gap={6} wrap="nowrap" align="flex-start" title={`${label}: ${value}`}>
          <Text component="span" c="dimmed" lh={1} mt={2}>
            <Icon size={14} />
          </Text>
          <Text size={size} lh={1.35} className={classes.breakAnywhere}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
