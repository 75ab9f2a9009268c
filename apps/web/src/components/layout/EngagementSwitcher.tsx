import { Badge, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { ME_KEY, useMe, useUpdateMe } from '../../features/auth/use-me.ts';
import { errorMessage } from '../../lib/api-error.ts';
import { IconBriefcase } from '../icons.tsx';

/** Picks the engagement the user works in (stored server-side, so it follows them across devices). */
export function EngagementSwitcher() {
  const me = useMe();
  const update = useUpdateMe();
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigate = useNavigate();

  if (me.engagements.length === 0) {
    return (
      <Badge variant="light" color="gray" size="lg" tt="none">
        No engagement
      </Badge>
    );
  }

  const active = me.engagements.filter((e) => !e.archived);
  const archived = me.engagements.filter((e) => e.archived);
  const option = (e: { code: string; name: string }) => ({ value: e.code, label: e.name });
  const data = [
    { group: 'Active', items: active.map(option) },
    ...(archived.length ? [{ group: 'Archived (read-only)', items: archived.map(option) }] : []),
  ];

  return (
    <Select
      aria-label="Current engagement"
      data-testid="engagement-switcher"
      data={data}
      value={me.current_engagement}
      placeholder="Choose an engagement"
      leftSection={<IconBriefcase size={16} />}
      searchable={me.engagements.length > 8}
      allowDeselect={false}
      disabled={update.isPending}
      w={{ base: 180, sm: 300 }}
      renderOption={({ option: o }) => (
        <Group justify="space-between" gap="sm" wrap="nowrap" w="100%">
          <Text size="sm" truncate>
            {o.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {o.value}
          </Text>
        </Group>
      )}
      comboboxProps={{ withinPortal: true }}
      onChange={(code) => {
        if (!code || code === me.current_engagement) return;
        update.mutate(
          { current_engagement: code },
          {
            // Everything on screen belongs to the old engagement: refetch it all.
            onSuccess: (updated) => {
              // A search or filter typed for the old engagement means nothing in the new one.
              if (location.search) navigate({ pathname: location.pathname, search: '' }, { replace: true });
              queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
              const name = updated.engagements.find((e) => e.code === code)?.name ?? code;
              notifications.show({ message: `Now working in ${name}.`, color: 'indigo' });
            },
            onError: (error) =>
              notifications.show({
                color: 'red',
                title: 'Could not switch engagement',
                message: errorMessage(error),
              }),
          },
        );
      }}
    />
  );
}
