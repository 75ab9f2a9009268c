import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type EngagementDto, engagementUpdateSchema } from '@steppingstones/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { NotFoundPage } from '../../components/ErrorPages.tsx';
import { ErrorState, FormError, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage, isApiError } from '../../lib/api-error.ts';
import { useSchemaForm } from '../../lib/form.ts';
import { canIn } from '../../lib/permissions.ts';
import { ME_KEY, useMe } from '../auth/use-me.ts';
import { EngagementFields, type EngagementValues } from './EngagementFields.tsx';
import { EngagementMembers } from './EngagementMembers.tsx';
import { ENGAGEMENTS_KEY, updateEngagement, useEngagement } from './engagements-api.ts';
import { PurgeEngagement } from './PurgeEngagement.tsx';

type Engagement = EngagementDto;

function toInput(e: Engagement): EngagementValues {
  return {
    code: e.code,
    name: e.name,
    description: e.description,
    start_date: e.start_date,
    end_date: e.end_date,
  };
}

export function EngagementDetailPage() {
  const { code = '' } = useParams();
  const me = useMe();
  const engagement = useEngagement(code);

  if (engagement.isPending) return <LoadingState />;
  if (isApiError(engagement.error, 404)) return <NotFoundPage />;
  if (engagement.isError) return <ErrorState error={engagement.error} onRetry={() => engagement.refetch()} />;
  const e = engagement.data;

  return (
    <Stack gap="lg" maw={900}>
      <Breadcrumbs>
        <Anchor component={Link} to="/admin/engagements">
          Engagements
        </Anchor>
        <Text>{e.code}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{e.name}</Title>
            {e.archived ? <Badge color="gray">Archived</Badge> : <Badge color="teal">Active</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            Created <DateTime value={e.created_at} />, last changed <DateTime value={e.updated_at} />
          </Text>
        </Stack>
        {canIn(me, e.code, 'engagement.change') && <ArchiveButton engagement={e} />}
      </Group>
      {e.archived && (
        <Alert color="gray" variant="light" title="Archived: read-only">
          Nothing in this engagement can be changed until it is restored.
        </Alert>
      )}
      <DetailsForm engagement={e} readOnly={e.archived || !canIn(me, e.code, 'engagement.change')} />
      {canIn(me, e.code, 'user.admin') && <EngagementMembers code={e.code} readOnly={false} />}
      {me.is_superuser && <PurgeEngagement engagement={e} />}
    </Stack>
  );
}

function DetailsForm({ engagement, readOnly }: { engagement: Engagement; readOnly: boolean }) {
  const form = useSchemaForm(engagementUpdateSchema, toInput(engagement));
  const queryClient = useQueryClient();
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(toInput(engagement));
    resetDirty(toInput(engagement));
  }, [engagement, setValues, resetDirty]);
  const save = useMutation({
    mutationFn: ({ code: _code, ...values }: EngagementValues) =>
      updateEngagement(engagement.code, engagementUpdateSchema.parse(values)),
    onSuccess: (updated) => {
      queryClient.setQueryData([...ENGAGEMENTS_KEY, engagement.code], updated);
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY });
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'teal', message: 'Engagement saved.' });
    },
    onError: (error) => form.showError(error),
  });

  return (
    <Paper withBorder p="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <fieldset disabled={readOnly} className="plain-fieldset">
          <Stack gap="md">
            <Title order={4}>Details</Title>
            <EngagementFields form={form} codeEditable={false} />
            <FormError message={form.formError} />
            {!readOnly && (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  Save changes
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Paper>
  );
}

function ArchiveButton({ engagement }: { engagement: Engagement }) {
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const archive = !engagement.archived;
  const mutation = useMutation({
    mutationFn: () => updateEngagement(engagement.code, { archived: archive }),
    onSuccess: (updated) => {
      queryClient.setQueryData([...ENGAGEMENTS_KEY, engagement.code], updated);
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY });
      queryClient.invalidateQueries({ queryKey: ME_KEY });
      setOpened(false);
      notifications.show({
        color: 'teal',
        message: archive ? 'Engagement archived.' : 'Engagement restored.',
      });
    },
  });
  return (
    <>
      <Button variant={archive ? 'default' : 'light'} onClick={() => setOpened(true)}>
        {archive ? 'Archive' : 'Restore'}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={() => setOpened(false)}
        onConfirm={() => mutation.mutate()}
        title={archive ? `Archive ${engagement.name}?` : `Restore ${engagement.name}?`}
        confirmLabel={archive ? 'Archive' : 'Restore'}
        color={archive ? 'orange' : 'indigo'}
        loading={mutation.isPending}
        error={mutation.isError ? errorMessage(mutation.error) : null}
      >
        {archive
          ? 'An archived engagement becomes read-only: its members can still read and export it, nobody can change it.'
          : 'The engagement becomes editable again for its members.'}
      </ConfirmModal>
    </>
  );
}
