import { ActionIcon, Group, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { fetchExclusions, removeExclusion } from './c2-api.ts';
import { useC2Action } from './use-c2-action.ts';

/** The engagement's exclusions: the sessions they match are hidden everywhere until removed. */
export function ExclusionsList({ engagement, mayChange }: { engagement: string; mayChange: boolean }) {
  const exclusions = useQuery({
    queryKey: ['c2-exclusions', engagement],
    queryFn: () => fetchExclusions(engagement),
  });
  const remove = useC2Action(removeExclusion, () => 'The sessions show again.');
  const rows = exclusions.data?.results ?? [];
  if (rows.length === 0) return null;
  return (
    <Table aria-label="Exclusions" maw={600}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Hidden: sessions whose</Table.Th>
          <Table.Th>is</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((x) => (
          <Table.Tr key={x.id}>
            <Table.Td>{x.field}</Table.Td>
            <Table.Td>
              <Text ff="monospace" size="sm">
                {x.value}
              </Text>
            </Table.Td>
            <Table.Td>
              {mayChange && (
                <Group justify="flex-end">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove the exclusion ${x.field} ${x.value}`}
                    onClick={() => remove.mutate([x.id])}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
