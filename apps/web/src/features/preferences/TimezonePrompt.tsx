import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { browserTimezone } from '../../lib/dates.ts';
import { useMe, useUpdateMe } from '../auth/use-me.ts';
import { TimezoneSelect } from './TimezoneSelect.tsx';

/**
 * Asks a user who never chose a timezone to pick one, pre-selecting the browser's. "Later" closes it
 * for this visit: the choice never blocks using the app or the API (dates meanwhile show in the
 * browser's zone).
 */
export function TimezonePrompt() {
  const me = useMe();
  const update = useUpdateMe();
  const [zone, setZone] = useState(browserTimezone);
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem('tz-prompt-dismissed') === '1');
  const opened = me.timezone === null && !dismissed;

  const later = () => {
    sessionStorage.setItem('tz-prompt-dismissed', '1');
    setDismissed(true);
  };

  return (
    <Modal opened={opened} onClose={later} title="Choose your timezone" size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ timezone: zone });
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Times are stored in UTC and shown in your timezone. We suggest your browser's; you can change it
            any time in Preferences.
          </Text>
          <TimezoneSelect value={zone} onChange={setZone} />
          <FormError message={update.error ? errorMessage(update.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={later}>
              Later
            </Button>
            {/* Focus the answer, not the list: a focused searchable select opens over the buttons. */}
            <Button type="submit" loading={update.isPending} data-autofocus>
              Save timezone
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
