import { Button, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { browserTimezone, formatDateTime } from '../../lib/dates.ts';
import type { ThemePreference } from '../auth/auth-types.ts';
import { useMe, useUpdateMe } from '../auth/use-me.ts';
import { TimezoneSelect } from './TimezoneSelect.tsx';

export function PreferencesPage() {
  const me = useMe();
  const update = useUpdateMe();
  const [timezone, setTimezone] = useState(me.timezone ?? browserTimezone());
  const [theme, setTheme] = useState<ThemePreference>(me.theme);
  const dirty = timezone !== me.timezone || theme !== me.theme;

  return (
    <>
      <PageHeader title="Preferences" description="How Stepping Stones shows dates and colours for you." />
      <Paper withBorder p="lg" maw={640}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { timezone, theme },
              { onSuccess: () => notifications.show({ color: 'teal', message: 'Preferences saved.' }) },
            );
          }}
        >
          <Stack gap="lg">
            <TimezoneSelect
              value={timezone}
              onChange={setTimezone}
              description={`Dates and times show in this zone. Your browser's is ${browserTimezone()}.`}
            />
            <Text size="sm" c="dimmed" data-testid="timezone-example">
              Now: {formatDateTime(new Date(), timezone)}
            </Text>
            <Stack gap={6}>
              <Text size="sm" fw={500} id="theme-label">
                Theme
              </Text>
              <SegmentedControl
                aria-labelledby="theme-label"
                value={theme}
                onChange={(v) => setTheme(v as ThemePreference)}
                data={[
                  { value: 'auto', label: 'Follow the system' },
                  { value: 'light', label: 'Light' },
                  { value: 'dark', label: 'Dark' },
                ]}
              />
            </Stack>
            <FormError message={update.error ? errorMessage(update.error) : null} />
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!dirty}>
                Save preferences
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
