import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { LoadingState } from '../../../../components/QueryState.tsx';
import type { SaveConflict } from './use-save-conflict.ts';

/** The states of a refused save before the merge view can show: loading, event gone, loading failed. */
export function ConflictNotice({
  conflict,
  onBack,
  onCloseForm,
}: {
  conflict: Exclude<SaveConflict<unknown>, { kind: 'ready' }>;
  /** Back to the form with the user's values (saving again repeats the check). */
  onBack: () => void;
  onCloseForm: () => void;
}) {
  if (conflict.kind === 'loading')
    return <LoadingState label="Someone else saved this event meanwhile: loading their version…" />;
  if (conflict.kind === 'deleted')
    return (
      <Alert color="orange" title="This event was deleted while you were editing it" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            Your changes were not saved. An administrator can recover the event from Deleted events; then open
            it again and apply your change.
          </Text>
          <Button size="xs" variant="default" onClick={onCloseForm}>
            Close the form
          </Button>
        </Stack>
      </Alert>
    );
  return (
    <Alert
      color="red"
      title="Someone else saved this event, and their version could not be loaded"
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">Your changes were not saved; they are kept in the form. {conflict.message}</Text>
        <Group gap="xs">
          <Button size="xs" onClick={conflict.retry}>
            Try again
          </Button>
          <Button size="xs" variant="default" onClick={onBack}>
            Back to your edits
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
