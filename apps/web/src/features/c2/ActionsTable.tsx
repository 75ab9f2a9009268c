import { Button, Checkbox, Code, Group, Table, Text } from '@mantine/core';
import type { C2ActionDto, C2SessionDto } from '@steppingstones/shared/c2';
import { useState } from 'react';
import { plural } from '../../lib/plural.ts';
import { FoundCredentials } from '../credentials/FoundCredentials.tsx';
import { C2CloneDrawer } from './C2CloneDrawer.tsx';
import { cloneActions } from './c2-api.ts';
import { sessionLabel, when } from './c2-format.ts';
import { EventLinkOrClone } from './EventLinkOrClone.tsx';
import { useC2Action } from './use-c2-action.ts';

interface Props {
  actions: C2ActionDto[];
  sessions: Map<number, C2SessionDto>;
  mayClone: boolean;
}

/** Operator actions: the command, task, ATT&CK ids and the output folded; clone one or the selected. */
export function ActionsTable({ actions, sessions, mayClone }: Props) {
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  /** The action being cloned through the pre-filled event form. */
  const [cloning, setCloning] = useState<number | null>(null);
  const cloneMany = useC2Action(
    (ids: number[]) => cloneActions(ids),
    (r) =>
      `${plural(r.cloned.length, 'event')} created${r.skipped.length ? `; ${r.skipped.length} already cloned` : ''}.`,
  );
  const open = actions.filter((a) => a.event === null);
  const toggle = (id: number) =>
    setChosen((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <>
      {cloning !== null && <C2CloneDrawer kind="actions" id={cloning} onClose={() => setCloning(null)} />}
      {mayClone && (
        <Group>
          <Button
            size="xs"
            disabled={chosen.size === 0}
            loading={cloneMany.isPending}
            onClick={() => cloneMany.mutate([[...chosen]], { onSuccess: () => setChosen(new Set()) })}
          >
            Clone selected ({chosen.size})
          </Button>
        </Group>
      )}
      <Table aria-label="Actions">
        <Table.Thead>
          <Table.Tr>
            {mayClone && (
              <Table.Th>
                <Checkbox
                  aria-label="Select every action not cloned yet"
                  checked={open.length > 0 && open.every((a) => chosen.has(a.id))}
                  onChange={(e) =>
                    setChosen(e.currentTarget.checked ? new Set(open.map((a) => a.id)) : new Set())
                  }
                />
              </Table.Th>
            )}
            <Table.Th>Time</Table.Th>
            <Table.Th>Operator</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Command</Table.Th>
            <Table.Th>ATT&amp;CK</Table.Th>
            {mayClone && <Table.Th>Event</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((a) => {
            const s = sessions.get(a.session);
            return (
              <Table.Tr key={a.id}>
                {mayClone && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${a.input}`}
                      disabled={a.event !== null}
                      checked={chosen.has(a.id)}
                      onChange={() => toggle(a.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>{when(a.start)}</Table.Td>
                <Table.Td>{a.operator}</Table.Td>
                <Table.Td>{s ? sessionLabel(s) : a.session}</Table.Td>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {a.input}
                  </Text>
                  {a.task && (
                    <Text size="xs" c="dimmed">
                      {a.task}
                    </Text>
                  )}
                  {(a.output || a.errors) && (
                    <details>
                      <summary>Output</summary>
                      <Code block>{[a.output, a.errors].filter(Boolean).join('\n')}</Code>
                    </details>
                  )}
                  {a.output && <FoundCredentials origin="action" id={a.id} />}
                </Table.Td>
                <Table.Td>{a.attack_ids.join(', ')}</Table.Td>
                {mayClone && (
                  <Table.Td>
                    <EventLinkOrClone
                      event={a.event}
                      mayClone
                      label={`Clone ${a.input} to event`}
                      onClone={() => setCloning(a.id)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
