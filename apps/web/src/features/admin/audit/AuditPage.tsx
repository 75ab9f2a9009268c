import { Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import type { AuditEntryDto, ListEnvelope } from '@steppingstones/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateTime } from '../../../components/DateTime.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { api } from '../../../lib/api-client.ts';
import { relativeApiPath } from '../../../lib/paging.ts';
import { plural } from '../../../lib/plural.ts';

type AuditEntry = AuditEntryDto;

function actionColor(action: string): string {
  if (/fail|denied|refused|reuse|purge/i.test(action)) return 'red.7';
  if (/delete|revoke|reset|deactivat/i.test(action)) return 'orange.7';
  if (/login|logout/i.test(action)) return 'blue.6';
  return 'indigo.6';
}

/** `current_engagement` → `Current engagement`. */
const labelOf = (key: string) => {
  const words = key
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : '—';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${labelOf(k)}: ${valueText(v)}`)
      .join('; ');
  return String(value);
}

/** The details as labelled lines that wrap, not one line of raw JSON running off the table. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return null;
  return (
    <dl className="audit-details" style={{ margin: 0, overflowWrap: 'anywhere' }}>
      {entries.map(([key, value]) => (
        <Text key={key} size="xs" component="div">
          <Text span size="xs" fw={600} component="dt" style={{ display: 'inline' }}>
            {labelOf(key)}:
          </Text>{' '}
          <Text span size="xs" component="dd" style={{ display: 'inline', margin: 0 }}>
            {valueText(value)}
          </Text>
        </Text>
      ))}
    </dl>
  );
}

interface Filters {
  user: string;
  action: string;
  engagement: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { user: '', action: '', engagement: '', from: '', to: '' };

/** The filter row's inputs, in order; the times are the browser's local time. */
const FILTER_FIELDS: ReadonlyArray<{
  key: keyof Filters;
  label: string;
  placeholder?: string;
  type?: string;
}> = [
  { key: 'user', label: 'User', placeholder: 'username' },
  { key: 'action', label: 'Action', placeholder: 'e.g. webhook or user.created' },
  { key: 'engagement', label: 'Engagement', placeholder: 'code' },
  { key: 'from', label: 'From', type: 'datetime-local' },
  { key: 'to', label: 'To', type: 'datetime-local' },
];

/** The first page's API path for the filters; times are typed in the browser's time zone. */
function auditPath(f: Filters): string {
  const params = new URLSearchParams();
  for (const key of ['user', 'action', 'engagement'] as const)
    if (f[key].trim()) params.set(key, f[key].trim());
  for (const key of ['from', 'to'] as const) {
    const ms = f[key] ? new Date(f[key]).getTime() : Number.NaN;
    if (Number.isFinite(ms)) params.set(key, new Date(ms).toISOString());
  }
  const query = params.toString();
  return query ? `/audit/?${query}` : '/audit/';
}

/** Security events, newest first, one server page at a time. */
export function AuditPage() {
  // The API's own next / previous links drive paging, so the page never guesses its parameters.
  const [path, setPath] = useState('/audit/');
  const [pageNumber, setPageNumber] = useState(1);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const setFilter = (key: keyof Filters, value: string) => {
    const next = { ...filters, [key]: value };
    setFilters(next);
    setPath(auditPath(next));
    setPageNumber(1);
  };
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
      <Group gap="sm" mb="sm" align="flex-end" data-testid="audit-filters">
        {FILTER_FIELDS.map(({ key, label, placeholder, type }) => (
          <TextInput
            key={key}
            label={label}
            placeholder={placeholder}
            type={type}
            size="xs"
            value={filters[key]}
            onChange={(e) => setFilter(key, e.currentTarget.value)}
          />
        ))}
        {auditPath(filters) !== '/audit/' && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setFilters(NO_FILTERS);
              setPath('/audit/');
              setPageNumber(1);
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
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
                  <Table.Th>Engagement</Table.Th>
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
                    <Table.Td>{a.engagement ?? '—'}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.target ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {a.ip ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Details details={a.details} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {audit.data.results.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              {auditPath(filters) === '/audit/' ? 'Nothing recorded yet.' : 'No entries match these filters.'}
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              Page {pageNumber} · {plural(Number(audit.data.count), 'entry', 'entries')}
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
