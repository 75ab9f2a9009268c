import { Button, Code, Group, Paper, Table, Text } from '@mantine/core';
import type { AuditEntryDto, ListEnvelope } from '@steppingstones/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateTime } from '../../../components/DateTime.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { api } from '../../../lib/api-client.ts';
import { relativeApiPath } from '../../../lib/paging.ts';

type AuditEntry = AuditEntryDto;

function actionColor(action: string): string {
  if (/fail|denied|refused|reuse|purge/i.test(action)) return 'red.7';
  if (/delete|revoke|reset|deactivat/i.test(action)) return 'orange.7';
  if (/login|logout/i.test(action)) return 'blue.6';
  return 'indigo.6';
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined || details === '') return '';
  if (typeof details === 'string') return details;
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text;
}

/** Security events, newest first, one server page at a time. */
export function AuditPage() {
  // The API's own next / previous links drive paging, so the page never guesses its parameters.
  const [path, setPath] = useState('/audit/');
  const [pageNumber, setPageNumber] = useState(1);
  const audit = useQuery({
    queryKey: ['audit', path],
    queryFn: () => api<ListEnvelope<AuditEntry>>(path),
    placeholderData: keepPreviousData,
  });
  const go = (link: string | null, delta: number) => {
    const next = relativeApiPath(link);
    if (!next) return;
    setPath(next);
    setPageNumber((n) => n + delta);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Sign-ins and failures, account, group, membership and permission changes, tokens and backups."
      />
      {audit.isPending && <LoadingState />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.results.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td className="nowrap">
                      <Text size="sm" ff="monospace">
                        <DateTime value={a.at} seconds />
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.actor ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" fw={600} c={actionColor(a.action)}>
                        {a.action}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.target ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {a.ip ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{detailsText(a.details) && <Code>{detailsText(a.details)}</Code>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {audit.data.results.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              Nothing recorded yet.
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              Page {pageNumber} · {audit.data.count} entries
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                disabled={!audit.data.previous || audit.isFetching}
                onClick={() => go(audit.data.previous, -1)}
              >
                Newer
              </Button>
              <Button
                variant="default"
                size="xs"
                disabled={!audit.data.next || audit.isFetching}
                onClick={() => go(audit.data.next, 1)}
              >
                Older
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
    </>
  );
}
