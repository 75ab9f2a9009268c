import { Badge, Code, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { PluginIcon } from './plugin-icons.tsx';
import { type PluginRecord, usePlugins, useTogglePlugin } from './plugins-api.ts';
import styles from './reports.module.css';

const STATE_COLOURS: Record<PluginRecord['state'], string> = {
  ok: 'green',
  disabled: 'gray',
  failed: 'red',
  missing: 'yellow',
};

/** Admin → Plugins: every plugin ever synced, its state, version, points and last error, with toggles. */
export function PluginsAdminPage() {
  const plugins = usePlugins();
  const toggle = useTogglePlugin();
  const run = (input: Parameters<typeof toggle.mutate>[0]) =>
    toggle.mutate(input, {
      onSuccess: () =>
        notifications.show({
          message: `${input.key ? `${input.plugin}:${input.key}` : input.plugin} ${input.enabled ? 'enabled' : 'disabled'}; every server and worker follows within a second.`,
        }),
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) }),
    });

  return (
    <Stack gap="md">
      <PageHeader
        title="Plugins"
        description={
          <>
            The plugins listed in <Code>steppingstones.plugins.json</Code>, as recorded by the last sync (at
            server start or <Code>steppingstones plugins sync</Code>). Switching a plugin or a point off hides
            it from menus and pauses its tasks at once, without a restart.
          </>
        }
      />
      {plugins.isLoading && <LoadingState />}
      {plugins.isError && <ErrorState error={plugins.error} onRetry={() => plugins.refetch()} />}
      {plugins.data && plugins.data.length === 0 && (
        <Text c="dimmed">
          No plugins are installed. Create one with: npx steppingstones plugins new my-reports
        </Text>
      )}
      {plugins.data?.map((p) => (
        <Stack key={p.id} gap="xs" data-testid={`plugin-${p.id}`}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm">
              <Text fw={600}>{p.name || p.id}</Text>
              <Badge color={STATE_COLOURS[p.state]} variant="light">
                {p.state}
              </Badge>
              <Text size="sm" c="dimmed">
                {p.id} · {p.version || 'no version'} · {p.package}
              </Text>
            </Group>
            <Switch
              label="Enabled"
              checked={p.enabled}
              disabled={toggle.isPending}
              onChange={(e) => run({ plugin: p.id, enabled: e.currentTarget.checked })}
              aria-label={`Enable plugin ${p.id}`}
            />
          </Group>
          {p.description && <Text size="sm">{p.description}</Text>}
          {p.last_error && (
            <Text size="sm" c="red" className={styles.error}>
              {p.last_error}
            </Text>
          )}
          {p.points.length > 0 && (
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Point</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Category</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Enabled</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.points.map((pt) => (
                  <Table.Tr key={`${pt.type}/${pt.key}`}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <PluginIcon name={pt.icon} />
                        <span>{pt.title || pt.key}</span>
                        <Text size="xs" c="dimmed">
                          {pt.key}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{pt.type}</Table.Td>
                    <Table.Td>{pt.category}</Table.Td>
                    <Table.Td>{pt.status}</Table.Td>
                    <Table.Td>
                      <Switch
                        checked={pt.enabled}
                        disabled={toggle.isPending || !p.enabled}
                        onChange={(e) =>
                          run({ plugin: p.id, key: pt.key, type: pt.type, enabled: e.currentTarget.checked })
                        }
                        aria-label={`Enable ${p.id}:${pt.key}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
