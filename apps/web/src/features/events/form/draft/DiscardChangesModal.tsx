import { Button, Group, Modal, Stack, Text } from '@mantine/core';

/** Closing a form with unsaved changes: keep editing, close and keep them as a draft, or discard them. */
export function DiscardChangesModal({
  opened,
  onKeepEditing,
  onKeepDraft,
  onDiscard,
}: {
  opened: boolean;
  onKeepEditing: () => void;
  onKeepDraft: () => void;
  onDiscard: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onKeepEditing} title="Discard your changes?" centered zIndex={400}>
      <Stack gap="md">
        <Text size="sm">
          This form has changes you have not saved. Keep them as a draft (the form shows them again when you
          reopen it in this tab), or discard them.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onKeepEditing} data-autofocus>
            Keep editing
          </Button>
          <Button variant="light" onClick={onKeepDraft}>
            Close and keep the draft
          </Button>
          <Button color="red" onClick={onDiscard}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
