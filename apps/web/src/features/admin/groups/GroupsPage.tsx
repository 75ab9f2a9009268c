import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { plural } from '../../../lib/plural.ts';
import { AdminUserTabs } from '../users/AdminUserTabs.tsx';
import { useRoles } from '../users/users-api.ts';

/** The roles and the permission codes each grants in its engagement (read-only). */
export function GroupsPage() {
  const groups = useRoles();
  return (
    <>
      <PageHeader
        title="Users & groups"
        description="Roles are fixed; a user holds one per engagement, and it grants these codes in that engagement only."
      />
      <AdminUserTabs />
      {groups.isPending && <LoadingState />}
      {groups.isError && <ErrorState error={groups.error} onRetry={() => groups.refetch()} />}
      {groups.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {groups.data.map((g) => (
            <Card key={g.slug} withBorder padding="lg">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={4}>{g.name}</Title>
                  <Text size="sm" c="dimmed">
                    {plural(g.permissions.length, 'permission')}
                  </Text>
                </Group>
                <Group gap={6}>
                  {g.permissions.map((p) => (
                    <Badge key={p} variant="default" tt="none" ff="monospace" fw={500}>
                      {p}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
