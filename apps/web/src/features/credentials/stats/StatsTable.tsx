import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { copyText } from '../../plugins/clipboard.ts';
import { markdownTable } from './markdown-table.ts';

/** A titled table with a "Copy as Markdown" button (the same rows as GFM, ready for a report). */
export function StatsTable({
  title,
  head,
  rows,
  empty = 'Nothing to show for this filter.',
}: {
  title: string;
  head: string[];
  rows: (string | number)[][];
  empty?: string;
}) {
  const copy = () =>
    copyText(markdownTable(head, rows)).then(
      () => notifications.show({ color: 'green', message: `${title} copied as Markdown.` }),
      () => notifications.show({ color: 'red', message: 'The clipboard is not available here.' }),
    );
  return (
    <Card withBorder data-testid={`stats-table-${title}`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        {rows.length > 0 && (
          <Button size="xs" variant="light" onClick={copy}>
            Copy as Markdown
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              {head.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional figures without ids.
              <Table.Tr key={i}>
                {r.map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                  <Table.Td key={j}>{c}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
