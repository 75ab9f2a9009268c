import { ActionIcon, Badge, Group, Menu, Table, Text, Tooltip } from '@mantine/core';
import type { C2ExclusionDto, C2SessionDto } from '@steppingstones/shared/c2';
import { IconBell, IconBellOff, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { C2CloneDrawer } from './C2CloneDrawer.tsx';
import { excludeLike, setWatch } from './c2-api.ts';
import { expectedColour, missedCheckins, sessionLabel, when } from './c2-format.ts';
import { EventLinkOrClone } from './EventLinkOrClone.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { useC2Action } from './use-c2-action.ts';

const EXCLUDE_BY: Array<[C2ExclusionDto['field'], string]> = [
  ['id', 'This session'],
  ['user', 'Same user'],
  ['computer', 'Same computer'],
  ['process', 'Same process'],
  ['internal', 'Same internal address'],
  ['external', 'Same external address'],
];

interface Props {
  engagement: string;
  sessions: C2SessionDto[];
  selected: number | null;
  onSelect: (id: number | null) => void;
  /** Clone, exclude and the bell (c2.change / event.add). */
  mayChange: boolean;
  mayClone: boolean;
}

/** Sessions with their check-in health, parent chain and the clone / exclude / watch actions. */
export function SessionsTable({ engagement, sessions, selected, onSelect, mayChange, mayClone }: Props) {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const now = Date.now();
  /** The session being cloned through the pre-filled event form. */
  const [cloning, setCloning] = useState<number | null>(null);
  const exclude = useC2Action(
    (id: number, field: C2ExclusionDto['field']) => excludeLike(engagement, id, field),
    (x) => `Sessions with ${x.field} ${x.value} are hidden.`,
  );
  const watch = useC2Action(setWatch, (w) => (w.watched ? 'Watching the session.' : 'No longer watching.'));
  const chain = (s: C2SessionDto) => {
    const hops: string[] = [];
    for (let p = s.parent; p !== null && hops.length < 10; p = byId.get(p)?.parent ?? null)
      hops.push(byId.get(p)?.host ?? `#${p}`);
    return hops.join(' ← ');
  };
  return (
    <>
      {cloning !== null && <C2CloneDrawer kind="sessions" id={cloning} onClose={() => setCloning(null)} />}
      <Table striped highlightOnHover aria-label="Sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>First seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th>Expected</Table.Th>
            <Table.Th>Present</Table.Th>
            <Table.Th>Session</Table.Th>
            <Table.Th>Addresses</Table.Th>
            <Table.Th>OS</Table.Th>
            <Table.Th>Parent</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => {
            const missed = missedCheckins(s, now);
            return (
              <Table.Tr
                key={s.id}
                onClick={() => onSelect(selected === s.id ? null : s.id)}
                bg={selected === s.id ? 'var(--mantine-color-blue-light)' : undefined}
              >
                <Table.Td>{when(s.first_seen)}</Table.Td>
                <Table.Td>{when(s.last_seen)}</Table.Td>
                <Table.Td>
                  <Tooltip
                    label={missed ? `${missed} check-in(s) missed` : 'On time'}
                    disabled={!s.next_checkin}
                  >
                    <Text
                      size="sm"
                      c={expectedColour(missed)}
                      aria-label={missed ? `${missed} missed` : undefined}
                    >
                      {when(s.next_checkin)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <PresenceBar session={s} />
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" mr="xs">
                    {s.kind}
                  </Badge>
                  {sessionLabel(s)}
                </Table.Td>
                <Table.Td>{[s.internal, s.external].filter(Boolean).join(' / ')}</Table.Td>
                <Table.Td>{s.os_name}</Table.Td>
                <Table.Td>{chain(s)}</Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Group gap={4} wrap="nowrap">
                    {mayClone && (
                      <EventLinkOrClone
                        event={s.event}
                        mayClone
                        label={`Clone session ${s.host} to event`}
                        onClone={() => setCloning(s.id)}
                      />
                    )}
                    {mayChange && (
                      <>
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <ActionIcon variant="subtle" aria-label={`Exclude sessions like ${s.host}`}>
                              <IconEyeOff size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Label>Exclude sessions like this</Menu.Label>
                            {EXCLUDE_BY.map(([field, label]) => (
                              <Menu.Item key={field} onClick={() => exclude.mutate([s.id, field])}>
                                {label}
                              </Menu.Item>
                            ))}
                          </Menu.Dropdown>
                        </Menu>
                        <ActionIcon
                          variant="subtle"
                          aria-label={s.watched ? `Stop watching ${s.host}` : `Watch ${s.host}`}
                          aria-pressed={s.watched}
                          onClick={() => watch.mutate([s.id, !s.watched])}
                        >
                          {s.watched ? <IconBell size={16} /> : <IconBellOff size={16} />}
                        </ActionIcon>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
