import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { actionLabel, fieldLabel, formatValue } from './diff-format.ts';
import { fetchHistory, HISTORY_KEY, type RevisionDto, restoreRevision } from './history-api.ts';

/**
 * Drawer content: every revision of one event, newest first, with who, when, what changed (before →
 * after per field), and a way back to any earlier version (which itself becomes a new revision).
 */
export function EventHistoryPanel({ eventId, canRestore }: { eventId: number; canRestore: boolean }) {
  const client = useQueryClient();
  const history = useQuery({ queryKey: [...HISTORY_KEY, eventId], queryFn: () => fetchHistory(eventId) });
  const [target, setTarget] = useState<RevisionDto | null>(null);
  const restore = useMutation({
    mutationFn: (r: RevisionDto) => restoreRevision(eventId, r.id),
    onSuccess: async () => {
      setTarget(null);
      notifications.show({ color: 'green', message: 'The earlier version was restored.' });
      await Promise.all([
        client.invalidateQueries({ queryKey: [...HISTORY_KEY, eventId] }),
        client.invalidateQueries({ queryKey: EVENTS_KEY }),
      ]);
    },
  });

  if (history.isPending) return <LoadingState label="Loading the history…" />;
  if (history.isError)
    return (
      <ErrorState
        error={history.error}
        onRetry={() => history.refetch()}
        title="Could not load the history"
      />
    );
  const revisions = history.data;
  if (revisions.length === 0) return <Text c="dimmed">No history has been recorded for this event.</Text>;

  return (
    <Stack gap="sm" data-testid="event-history">
      {revisions.map((r, i) => (
        <Paper key={r.id} withBorder p="sm" radius="sm">
          <Group justify="space-between" align="flex-start" mb={Object.keys(r.diff).length ? 'xs' : 0}>
            <div>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {actionLabel(r.action)}
                </Text>
                <Badge size="xs" variant="light" color="gray">
                  #{r.seq}
                </Badge>
                {i === 0 && (
                  <Badge size="xs" variant="light">
                    current
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {r.actor ?? 'system'} · <DateTime value={r.at} seconds />
              </Text>
            </div>
            {canRestore && i > 0 && r.action !== 'delete' && (
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  restore.reset();
                  setTarget(r);
                }}
              >
                Restore this version
              </Button>
            )}
          </Group>
          <RevisionDiff diff={r.diff} />
        </Paper>
      ))}
      <ConfirmModal
        opened={target !== null}
        onClose={() => setTarget(null)}
        onConfirm={() => target && restore.mutate(target)}
        title="Restore this version?"
        confirmLabel="Restore"
        color="blue"
        loading={restore.isPending}
        error={restore.error ? errorMessage(restore.error) : null}
      >
        {target && (
          <>
            The event goes back to how it was after revision <strong>#{target.seq}</strong> (
            {actionLabel(target.action).toLowerCase()} by {target.actor ?? 'system'}). The current version
            stays in the history; the restore is recorded as a new revision.
          </>
        )}
      </ConfirmModal>
    </Stack>
  );
}

function RevisionDiff({ diff }: { diff: Record<string, [unknown, unknown]> }) {
  const fields = Object.entries(diff);
  if (fields.length === 0) return null;
  return (
    <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {fields.map(([field, [before, after]]) => (
          <Table.Tr key={field}>
            <Table.Td w={120} c="dimmed" style={{ verticalAlign: 'top' }}>
              {fieldLabel(field)}
            </Table.Td>
            <Table.Td style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
              <Text span size="xs" td="line-through" c="red.7">
                {formatValue(before, field)}
              </Text>
              {' → '}
              <Text span size="xs" c="green.8">
                {formatValue(after, field)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
