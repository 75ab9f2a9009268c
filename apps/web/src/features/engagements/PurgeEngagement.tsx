import { Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EngagementDto as Engagement } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { ME_KEY } from '../auth/use-me.ts';
import { ENGAGEMENTS_KEY, purgeEngagement } from './engagements-api.ts';

/** Close-out: deletes everything the engagement holds, after the superuser types its code. */
export function PurgeEngagement({ engagement }: { engagement: Engagement }) {
  const [opened, setOpened] = useState(false);
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const purge = useMutation({
    mutationFn: () => purgeEngagement(engagement.code, typed),
    onSuccess: async () => {
      notifications.show({
        color: 'teal',
        message: `Engagement ${engagement.code} and everything in it were deleted.`,
      });
      // The list and the user's engagements are refreshed, never the purged engagement's own queries:
      // asking for it again would answer 404 (its page may still be mounted for a moment).
      await navigate('/admin/engagements', { replace: true });
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY, exact: true });
      queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const close = () => {
    setOpened(false);
    setTyped('');
    purge.reset();
  };

  return (
    <Paper withBorder p="lg" bd="1px solid var(--mantine-color-red-outline)">
      <Group justify="space-between" align="center">
        <div>
          <Title order={4} c="red">
            Purge engagement
          </Title>
          <Text size="sm" c="dimmed" maw={560}>
            Permanently deletes this engagement with all its events, files and credentials, as contracts often
            require at close-out. An audit record remains. This cannot be undone.
          </Text>
        </div>
        <Button color="red" variant="outline" onClick={() => setOpened(true)}>
          Purge…
        </Button>
      </Group>
      <Modal opened={opened} onClose={close} title={`Purge ${engagement.name}?`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === engagement.code) purge.mutate();
          }}
        >
          <Stack gap="md">
            <Text size="sm">
              Everything in this engagement will be deleted for good. Type its code <b>{engagement.code}</b>{' '}
              to confirm.
            </Text>
            <TextInput
              label="Engagement code"
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
            <FormError message={purge.isError ? errorMessage(purge.error) : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                color="red"
                disabled={typed !== engagement.code}
                loading={purge.isPending}
              >
                Delete everything
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
