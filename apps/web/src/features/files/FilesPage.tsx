import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ListEnvelope } from '@steppingstones/shared';
import type { FileRowDto } from '@steppingstones/shared/events';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { api, apiUrl } from '../../lib/api-client.ts';
import { browserTimezone, formatDateTimeSeconds } from '../../lib/dates.ts';
import { relativeApiPath } from '../../lib/paging.ts';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { IconDownload } from '../events/ui/event-icons.tsx';
import classes from './files.module.css';

function Hash({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <Text size="xs" ff="monospace" className={classes.hash}>
      <Text span size="xs" c="dimmed" ff="monospace">
        {label}{' '}
      </Text>
      {value}
    </Text>
  );
}

/** Every file distribution (IOC) of the engagement: searchable, exportable as CSV for the client. */
export function FilesPage() {
  const me = useMe();
  const engagement = me.current_engagement;
  const zone = me.timezone ?? browserTimezone();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('search') ?? '');
  const [search] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    setParams(search ? { search } : {}, { replace: true });
  }, [search, setParams]);

  const qs = new URLSearchParams({ engagement: engagement ?? '', page_size: '100' });
  if (search) qs.set('search', search);
  const rows = useInfiniteQuery({
    queryKey: ['files', 'rows', engagement, search],
    queryFn: ({ pageParam, signal }) => api<ListEnvelope<FileRowDto>>(pageParam, { signal }),
    initialPageParam: `/files/?${qs}`,
    getNextPageParam: (last) => relativeApiPath(last.next) ?? undefined,
    enabled: !!engagement,
    placeholderData: keepPreviousData,
  });
  if (!engagement)
    return (
      <Alert color="yellow" title="No engagement selected" maw={640}>
        Choose the engagement you are working in from the switcher at the top of the page.
      </Alert>
    );
  const csv = new URLSearchParams(qs);
  csv.delete('page_size');
  csv.set('format', 'csv');
  const items = rows.data?.pages.flatMap((p) => p.results) ?? [];
  const canEdit = can(me, 'event.change');

  return (
    <Stack gap="sm">
      <PageHeader
        title="Files"
        description="Every file the team put on a target in this engagement (IOCs): where it went, its hashes, and whether it was removed. Add files from an event's form."
        actions={
          <Button
            component="a"
            href={apiUrl(`/files/?${csv}`)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
        }
      />
      <TextInput
        placeholder="Search file name, hash, location, host…"
        aria-label="Search files"
        leftSection={<IconSearch size={14} />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maw={420}
      />
      {rows.isPending ? (
        <LoadingState label="Loading files…" />
      ) : rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => rows.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed" size="sm">
            {search
              ? 'No file matches this search.'
              : 'No files recorded yet. Add them in the Files (IOCs) section of an event: drop a file there and its hashes are computed in your browser.'}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label="Files">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Target host</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Hashes</Table.Th>
                  <Table.Th>Removed?</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Text size="sm">{formatDateTimeSeconds(f.timestamp, zone)}</Text>
                    </Table.Td>
                    <Table.Td>{f.target_host || '-'}</Table.Td>
                    <Table.Td className={classes.wrap}>
                      {f.location ? <Code>{f.location}</Code> : '-'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {f.filename}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.size !== null ? `${f.size.toLocaleString()} bytes` : 'size unknown'}
                        {f.description ? ` · ${f.description}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Hash label="MD5" value={f.md5} />
                      <Hash label="SHA-1" value={f.sha1} />
                      <Hash label="SHA-256" value={f.sha256} />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={f.removed ? 'green' : 'red'} variant="light" tt="none">
                        {f.removed ? 'Yes' : 'No'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Tooltip label="Edit the event this file belongs to">
                          <Anchor component={Link} to={`/events/${f.event_id}/edit`} size="sm">
                            Edit event
                          </Anchor>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {rows.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={rows.isFetchingNextPage} onClick={() => rows.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
