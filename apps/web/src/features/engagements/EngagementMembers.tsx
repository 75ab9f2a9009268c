import { Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorState, FormError, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { USERS_KEY, useUsers } from '../admin/users/users-api.ts';
import { ENGAGEMENTS_KEY, setMembers, useMembers } from './engagements-api.ts';

/** Who belongs to the engagement (superusers see every engagement anyway). */
export function EngagementMembers({ code, readOnly }: { code: string; readOnly: boolean }) {
  const members = useMembers(code, true);
  const users = useUsers();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  useEffect(() => {
    if (members.data) setSelected(members.data);
  }, [members.data]);

  const save = useMutation({
    mutationFn: () => setMembers(code, selected),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: [...ENGAGEMENTS_KEY, code, 'members'] });
      queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifications.show({ color: 'teal', message: 'Members saved.' });
    },
  });

  const dirty = JSON.stringify([...selected].sort()) !== JSON.stringify([...(members.data ?? [])].sort());
  const options = (users.data ?? []).map((u) => ({
    value: u.username,
    label: u.display_name ? `${u.display_name} (${u.username})` : u.username,
  }));
  // Members the user list does not show (e.g. inactive accounts) must still be listed.
  for (const name of members.data ?? [])
    if (!options.some((o) => o.value === name)) options.push({ value: name, label: name });

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <div>
          <Title order={4}>Members</Title>
          <Text size="sm" c="dimmed">
            Only members (and superusers) can see this engagement and anything in it.
          </Text>
        </div>
        {(members.isPending || users.isPending) && <LoadingState />}
        {members.isError && <ErrorState error={members.error} onRetry={() => members.refetch()} />}
        {members.data && (
          <>
            <MultiSelect
              aria-label="Members"
              data={options}
              value={selected}
              onChange={setSelected}
              searchable
              clearable
              disabled={readOnly}
              placeholder={selected.length ? undefined : 'Nobody yet'}
              nothingFoundMessage="No user matches"
              comboboxProps={{ withinPortal: true }}
            />
            <FormError message={save.isError ? errorMessage(save.error) : null} />
            {!readOnly && (
              <Group justify="flex-end">
                <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
                  Save members
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
