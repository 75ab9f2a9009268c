import { Anchor, Badge, Button, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { formatCalendarDate } from '../../lib/dates.ts';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { CreateEngagementModal } from './CreateEngagementModal.tsx';
import { useEngagements } from './engagements-api.ts';

export function EngagementsPage() {
  const me = useMe();
  const engagements = useEngagements();
  const [creating, { open, close }] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title="Engagements"
        description="Each engagement holds its own events, files and credentials; users see only the engagements they belong to."
        actions={
          can(me, 'engagement.add') && (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New engagement
            </Button>
          )
        }
      />
      {engagements.isPending && <LoadingState />}
      {engagements.isError && <ErrorState error={engagements.error} onRetry={() => engagements.refetch()} />}
      {engagements.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Start</Table.Th>
                  <Table.Th>End</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {engagements.data.map((e) => (
                  <Table.Tr key={e.code}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/admin/engagements/${encodeURIComponent(e.code)}`}
                        fw={600}
                      >
                        {e.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{e.name}</Table.Td>
                    <Table.Td>{formatCalendarDate(e.start_date)}</Table.Td>
                    <Table.Td>{formatCalendarDate(e.end_date)}</Table.Td>
                    <Table.Td>
                      {e.archived ? (
                        <Badge color="gray" variant="light">
                          Archived
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          Active
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {engagements.data.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              No engagements yet.
            </Text>
          )}
        </Paper>
      )}
      <CreateEngagementModal opened={creating} onClose={close} />
    </>
  );
}
