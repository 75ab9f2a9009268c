import { Alert } from '@mantine/core';
import { useMe } from '../../features/auth/use-me.ts';

/** Every page of an archived engagement says it is read-only, so nobody wonders why saving fails. */
export function ArchivedBanner() {
  const me = useMe();
  const current = me.engagements.find((e) => e.code === me.current_engagement);
  if (!current?.archived) return null;
  return (
    <Alert color="gray" variant="light" mb="lg" py="xs" data-testid="archived-banner">
      {current.name} is archived: everything in it is read-only.
    </Alert>
  );
}
