import { Alert, Anchor, Button, Group, Menu, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Outlet } from 'react-router';
import { IconChevronDown } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { can } from '../../lib/permissions.ts';
import { plural } from '../../lib/plural.ts';
import { useMe } from '../auth/use-me.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { groupByCategory, type MenuItem, usePluginPoints } from '../plugins/plugins-api.ts';
import {
  cloneSelected,
  cursorOf,
  exportHref,
  fetchLines,
  LINES_KEY,
  type LineFilter,
} from './eventstream-api.ts';
import { ImportModal } from './ImportModal.tsx';
import { LineRow } from './LineRow.tsx';
import { useLiveLines } from './use-live-lines.ts';

const SORTS = [
  { value: '-timestamp', label: 'Newest first' },
  { value: 'timestamp', label: 'Oldest first' },
  { value: 'description', label: 'Description' },
  { value: 'tactic', label: 'Tactic' },
  { value: 'technique', label: 'Technique' },
];

/**
 * The EventStream page: lines imported from other tools, to review and turn into events. Server-side
 * paged, sorted and searched (evidence included); live: refetched when lines are imported or events
 * change, whoever made the change (the live stream, no polling).
 */
export function EventStreamPage() {
  const me = useMe();
  const engagement = me.current_engagement ?? '';
  const client = useQueryClient();
  const [filter, setFilter] = useState<LineFilter>({ search: '', from: '', to: '', sort: '-timestamp' });
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [importing, setImporting] = useState<{ source: MenuItem | null } | null>(null);
  const [cloning, setCloning] = useState(false);
  const sources = usePluginPoints('eventstream-source');
  const canImport = can(me, 'eventstream.add');
  const canClone = can(me, 'event.add');
  const lines = useQuery({
    queryKey: [...LINES_KEY, engagement, filter, cursor],
    queryFn: () => fetchLines(engagement, filter, cursor),
    enabled: engagement !== '',
    placeholderData: keepPreviousData,
  });
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: LINES_KEY }), [client]);
  useLiveLines(engagement || null, refresh);
  const update = (change: Partial<LineFilter>) => {
    setFilter((f) => ({ ...f, ...change }));
    setCursor(null);
  };

  const cloneChosen = async () => {
    setCloning(true);
    try {
      const result = await cloneSelected(engagement, [...selected]);
      notifications.show({
        color: result.skipped.length ? 'yellow' : 'green',
        message: `${plural(result.cloned.length, 'event')} created${result.skipped.length ? `, ${plural(result.skipped.length, 'line')} skipped: ${result.skipped.map((s) => s.reason).join('; ')}` : ''}.`,
      });
      setSelected(new Set());
      await client.invalidateQueries({ queryKey: LINES_KEY });
      await client.invalidateQueries({ queryKey: EVENTS_KEY });
    } catch (e) {
      notifications.show({ color: 'red', message: errorMessage(e) });
    } finally {
      setCloning(false);
    }
  };

  if (!engagement)
    return <Alert color="blue">Choose an engagement (top of the page) to see its EventStream.</Alert>;

  return (
    <Stack>
      <PageHeader
        title="EventStream"
        description={
          <>
            Activity imported from other tools as EventStream lines. Review them and clone the relevant ones
            into events. Format: <Anchor href="/eventstream.schema.json">schema</Anchor>,{' '}
            <Anchor href="/eventstream-example.jsonl">example</Anchor>.
          </>
        }
        actions={
          <>
            {canImport && <Button onClick={() => setImporting({ source: null })}>Import EventStream</Button>}
            {canImport && (sources.data?.length ?? 0) > 0 && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    Sources
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {groupByCategory(sources.data ?? []).map((g) => (
                    <div key={g.category}>
                      <Menu.Label>{g.category}</Menu.Label>
                      {g.items.map((item) => (
                        <Menu.Item
                          key={`${item.plugin}:${item.key}`}
                          title={item.description}
                          onClick={() => setImporting({ source: item })}
                        >
                          {item.title}
                        </Menu.Item>
                      ))}
                    </div>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            {can(me, 'event.view') && (
              <Button variant="default" component="a" href={exportHref(engagement)} download>
                Export events as EventStream
              </Button>
            )}
          </>
        }
      />
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Words in any field, evidence included"
          value={filter.search}
          onChange={(e) => update({ search: e.currentTarget.value })}
          w={320}
        />
        <TextInput
          label="From"
          type="datetime-local"
          step={1}
          value={filter.from}
          onChange={(e) => update({ from: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          type="datetime-local"
          step={1}
          value={filter.to}
          onChange={(e) => update({ to: e.currentTarget.value })}
        />
        <Select
          label="Sort"
          data={SORTS}
          value={filter.sort}
          onChange={(v) => update({ sort: v ?? '-timestamp' })}
          allowDeselect={false}
          w={170}
        />
        {canClone && (
          <Button
            variant="light"
            disabled={selected.size === 0}
            loading={cloning}
            onClick={() => void cloneChosen()}
          >
            Clone selected ({selected.size})
          </Button>
        )}
      </Group>
      {lines.isPending ? (
        <LoadingState label="Loading the lines…" />
      ) : lines.isError ? (
        <ErrorState error={lines.error} onRetry={() => lines.refetch()} />
      ) : lines.data.results.length === 0 ? (
        <Text c="dimmed">
          No lines{filter.search || filter.from || filter.to ? ' match' : ' yet: import a file'}.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {plural(Number(lines.data.count), 'line')}
          </Text>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="EventStream lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>Timestamp</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>MITRE ATT&CK</Table.Th>
                <Table.Th>Additional data</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.data.results.map((line) => (
                <LineRow
                  key={line.id}
                  line={line}
                  selected={selected.has(line.id)}
                  canClone={canClone}
                  canEdit={can(me, 'event.change')}
                  onSelect={(on) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (on) next.add(line.id);
                      else next.delete(line.id);
                      return next;
                    })
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={!lines.data.previous}
              onClick={() => setCursor(cursorOf(lines.data.previous))}
            >
              Previous
            </Button>
            <Button
              variant="default"
              disabled={!lines.data.next}
              onClick={() => setCursor(cursorOf(lines.data.next))}
            >
              Next
            </Button>
          </Group>
        </>
      )}
      {importing && (
        <ImportModal engagement={engagement} source={importing.source} onClose={() => setImporting(null)} />
      )}
      <Outlet />
    </Stack>
  );
}
