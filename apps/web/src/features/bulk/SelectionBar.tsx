import { Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { BulkEditDialog, eventsLabel } from './BulkEditDialog.tsx';

/**
 * "N selected" above the grid, with the actions on the selection. The edit dialog works on the ids
 * selected when it opened and tells the server how many they were.
 */
export function SelectionBar({
  engagement,
  selectedIds,
  onClear,
  canChange,
}: {
  engagement: string;
  /** The selected events among the loaded rows, in the grid's order. */
  selectedIds: number[];
  onClear: () => void;
  canChange: boolean;
}) {
  const [editing, setEditing] = useState<number[] | null>(null);
  const [opened, setOpened] = useState(false);
  const n = selectedIds.length;
  return (
    <>
      {n > 0 && (
        <Paper withBorder px="sm" py={6} mb="xs" radius="md" bg="var(--mantine-primary-color-light)">
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={600} role="status" data-testid="selection-count">
              {n.toLocaleString()} selected
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => {
                  setEditing(selectedIds);
                  setOpened(true);
                }}
              >
                Edit selected…
              </Button>
              <Button size="xs" variant="default" onClick={onClear}>
                Clear selection
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <BulkEditDialog
        opened={opened}
        onClose={() => setOpened(false)}
        engagement={engagement}
        target={{ ids: editing ?? [] }}
        count={editing?.length ?? 0}
        title={`Edit the ${eventsLabel(editing?.length ?? 0, 'selected')}`}
        scope="Applies to exactly the events you selected."
        limited={!canChange}
        onDone={onClear}
      />
    </>
  );
}
