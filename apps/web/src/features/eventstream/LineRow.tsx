import { Button, Checkbox, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DateTime } from '../../components/DateTime.tsx';
import { FoundCredentials } from '../credentials/FoundCredentials.tsx';
import classes from './eventstream.module.css';
import type { Line } from './eventstream-api.ts';

function Context({ c }: { c: Line['source'] }) {
  const parts = [c.host, c.user, c.process].filter(Boolean);
  if (!parts.length) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm">
      {c.host && <span>{c.host}</span>}
      {c.user && <span style={{ display: 'block' }}>{c.user}</span>}
      {c.process && <span style={{ display: 'block', opacity: 0.75 }}>{c.process}</span>}
    </Text>
  );
}

function Extra({ data }: { data: Line['additional_data'] }) {
  if (!data) return null;
  return (
    <table className={classes.extra}>
      <tbody>
        {Object.entries(data).map(([k, v]) => (
          <tr key={k}>
            <td>
              <b>{k}</b>
            </td>
            <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One imported line: what happened, from where to where, its ATT&CK ids, extra data and the action. */
export function LineRow({
  line,
  selected,
  onSelect,
  canClone,
  canEdit,
}: {
  line: Line;
  selected: boolean;
  onSelect: (on: boolean) => void;
  canClone: boolean;
  canEdit: boolean;
}) {
  return (
    <Table.Tr data-line-id={line.id}>
      <Table.Td>
        <Checkbox
          aria-label={`Select line ${line.id}`}
          checked={selected}
          disabled={line.event_id !== null}
          onChange={(e) => onSelect(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <DateTime value={line.timestamp} seconds />
        {line.operator && (
          <Text size="xs" c="dimmed">
            {line.operator}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Context c={line.source} />
      </Table.Td>
      <Table.Td>
        <Context c={line.target} />
      </Table.Td>
      <Table.Td maw={520}>
        {line.description && <Text size="sm">{line.description}</Text>}
        {line.raw_evidence && (
          <details>
            <summary>
              <Text span size="xs" c="dimmed">
                Evidence
              </Text>
            </summary>
            <pre className={classes.evidence}>{line.raw_evidence}</pre>
          </details>
        )}
        {line.outcome && (
          <Text size="xs" c="dimmed">
            Outcome: {line.outcome}
          </Text>
        )}
        <FoundCredentials origin="line" id={line.id} />
      </Table.Td>
      <Table.Td>
        {line.tactic && (
          <Text size="sm" title={line.tactic.name ?? undefined}>
            {line.tactic.id}
          </Text>
        )}
        {line.technique && (
          <Text size="sm" title={line.technique.name ?? undefined}>
            {line.technique.id}
            {line.technique.name ? ` ${line.technique.name}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Extra data={line.additional_data} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {line.event_id !== null
          ? canEdit && (
              <Button size="xs" variant="default" component={Link} to={`/events/${line.event_id}/edit`}>
                Edit event
              </Button>
            )
          : canClone && (
              <Button size="xs" variant="light" component={Link} to={`/eventstream/${line.id}/clone`}>
                Clone to event
              </Button>
            )}
      </Table.Td>
    </Table.Tr>
  );
}
