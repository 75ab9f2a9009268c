import { Kbd, Modal, Table } from '@mantine/core';
import { GRID_SHORTCUTS } from './shortcuts.ts';

/** `?`: the keys of the event log. */
export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="md">
      <Table verticalSpacing={6} aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {GRID_SHORTCUTS.map((s) => (
            <Table.Tr key={s.key}>
              <Table.Td w={90}>
                <Kbd>{s.key}</Kbd>
              </Table.Td>
              <Table.Td>{s.label}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Kbd>Esc</Kbd>
            </Table.Td>
            <Table.Td>Close the form or this list (a form with changes asks first)</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
