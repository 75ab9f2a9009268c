import { Button, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type MemberDto, ROLE_NAMES, ROLE_SLUGS, type RoleSlug } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorState, FormError, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { USERS_KEY } from '../admin/users/users-api.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import { addMember, ENGAGEMENTS_KEY, removeMember, useMembers } from './engagements-api.ts';

const ROLE_OPTIONS = ROLE_SLUGS.map((slug) => ({ value: slug, label: ROLE_NAMES[slug] }));

/**
 * The engagement's members and their roles, for its leads (and superusers): change a role, remove a
 * member, add an existing user or create one who belongs to this engagement only.
 */
export function EngagementMembers({ code, readOnly }: { code: string; readOnly: boolean }) {
  const members = useMembers(code, true);
  const queryClient = useQueryClient();
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: [...ENGAGEMENTS_KEY, code, 'members'] });
    queryClient.invalidateQueries({ queryKey: USERS_KEY });
  };
  const changeRole = useMutation({
    mutationFn: (m: { username: string; role: RoleSlug }) => addMember(code, m),
    onSuccess: (m) => {
      refresh();
      notifications.show({ color: 'teal', message: `${m.username} is now ${ROLE_NAMES[m.role]}.` });
    },
  });
  const remove = useMutation({
    mutationFn: (username: string) => removeMember(code, username),
    onSuccess: (_, username) => {
      refresh();
      notifications.show({ color: 'teal', message: `${username} no longer belongs to ${code}.` });
    },
  });

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <div>
          <Title order={4}>Members</Title>
          <Text size="sm" c="dimmed">
            Only members (and superusers) see this engagement; what each may do here comes from their role in
            it, whatever they hold elsewhere.
          </Text>
        </div>
        {members.isPending && <LoadingState />}
        {members.isError && <ErrorState error={members.error} onRetry={() => members.refetch()} />}
        {members.data && (
          <Table aria-label="Members" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      Nobody yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {members.data.map((m: MemberDto) => (
                <Table.Tr key={m.username} data-member={m.username}>
                  <Table.Td>
                    <Text size="sm">{m.display_name ? `${m.display_name} (${m.username})` : m.username}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${m.username}`}
                      data={ROLE_OPTIONS}
                      value={m.role}
                      allowDeselect={false}
                      disabled={readOnly}
                      onChange={(role) =>
                        role && changeRole.mutate({ username: m.username, role: role as RoleSlug })
                      }
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                  <Table.Td>
                    {!readOnly && (
                      <Tooltip label={`Remove ${m.username}`}>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${m.username}`}
                          onClick={() => remove.mutate(m.username)}
                        >
                          Remove
                        </Button>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <FormError
          message={
            changeRole.isError
              ? errorMessage(changeRole.error)
              : remove.isError
                ? errorMessage(remove.error)
                : null
          }
        />
        {!readOnly && <AddMemberForm code={code} onAdded={refresh} />}
      </Stack>
    </Paper>
  );
}
