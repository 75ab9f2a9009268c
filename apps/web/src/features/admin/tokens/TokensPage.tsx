import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { DateTime } from '../../../components/DateTime.tsx';
import { IconPlus } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-error.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { type PersonalToken, revokeToken, TOKENS_KEY, useTokens } from './tokens-api.ts';

function expired(t: PersonalToken): boolean {
  return t.expires_at !== null && new Date(t.expires_at).getTime() < Date.now();
}

/** The signed-in user's own API tokens. */
export function TokensPage() {
  const tokens = useTokens();
  const [creating, { open, close }] = useDisclosure(false);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: number) => revokeToken(id),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      notifications.show({ color: 'teal', message: `Token ${revoking?.name ?? ''} revoked.` });
      setRevoking(null);
    },
  });

  return (
    <>
      <PageHeader
        title="Personal tokens"
        description="API tokens for scripts and tools, each limited to the permissions you pick. They stop working when you change your password."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            New token
          </Button>
        }
      />
      {tokens.isPending && <LoadingState />}
      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Permissions</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {t.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {t.permissions.map((p) => (
                          <Badge key={p} variant="default" tt="none" ff="monospace" fw={500}>
                            {p}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <DateTime value={t.created_at} />
                    </Table.Td>
                    <Table.Td>{t.last_used_at ? <DateTime value={t.last_used_at} /> : 'Never'}</Table.Td>
                    <Table.Td>
                      {t.expires_at ? <DateTime value={t.expires_at} /> : 'Never'}
                      {t.revoked_at && (
                        <Badge color="red" variant="light" ml="xs">
                          Revoked
                        </Badge>
                      )}
                      {!t.revoked_at && expired(t) && (
                        <Badge color="gray" ml="xs">
                          Expired
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {!t.revoked_at && (
                        <Button variant="subtle" color="red" size="xs" onClick={() => setRevoking(t)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {tokens.data.length === 0 && (
            <Text c="dimmed" ta="center" py="xl">
              You have no personal tokens.
            </Text>
          )}
        </Paper>
      )}
      <CreateTokenModal opened={creating} onClose={close} />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        loading={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
      >
        Anything using this token stops working immediately.
      </ConfirmModal>
    </>
  );
}
