import { Badge, Button, Group, Menu, Paper, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { ROLE_NAMES } from '@steppingstones/shared';
import { useState } from 'react';
import { DateTime } from '../../../components/DateTime.tsx';
import { IconPlus, IconSearch } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { AdminUserTabs } from './AdminUserTabs.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { type User, useUsers } from './users-api.ts';

export function UsersPage() {
  const users = useUsers();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<User | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const needle = filter.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (u) =>
      !needle || u.username.toLowerCase().includes(needle) || u.display_name.toLowerCase().includes(needle),
  );

  return (
    <>
      <PageHeader
        title="Users & groups"
        description="Accounts, their role in each engagement, and whether they can sign in."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      <AdminUserTabs />
      {users.isPending && <LoadingState />}
      {users.isError && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.data && (
        <Paper withBorder>
          <Group p="sm">
            <TextInput
              aria-label="Filter users"
              placeholder="Filter by name"
              leftSection={<IconSearch size={16} />}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              w={280}
            />
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Groups</Table.Th>
                  <Table.Th>Engagements</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
                    <Table.Td>
                      <UnstyledButton onClick={() => setEditing(u)}>
                        <Text fw={600} size="sm">
                          {u.username}
                        </Text>
                        {u.display_name && (
                          <Text size="xs" c="dimmed">
                            {u.display_name}
                          </Text>
                        )}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.is_superuser && (
                          <Badge color="red" variant="light">
                            Superuser
                          </Badge>
                        )}
                        {!u.is_active && (
                          <Badge color="gray" variant="filled">
                            Inactive
                          </Badge>
                        )}
                        {[...new Set(u.memberships.map((m) => m.role))].map((role) => (
                          <Badge key={role} variant="light" tt="none">
                            {ROLE_NAMES[role]}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {u.is_superuser
                          ? 'All'
                          : u.memberships.map((m) => `${m.engagement} (${m.role})`).join(', ') || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {u.last_login_at ? <DateTime value={u.last_login_at} /> : 'Never'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button variant="subtle" size="xs" aria-label={`Actions for ${u.username}`}>
                            Actions
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(u)}>Edit</Menu.Item>
                          <Menu.Item onClick={() => setResetting(u)}>Reset password</Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {needle ? 'No user matches the filter.' : 'No users yet.'}
            </Text>
          )}
        </Paper>
      )}
      <UserFormModal user={null} opened={creating} onClose={() => setCreating(false)} />
      <UserFormModal user={editing} opened={editing !== null} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
