import { Alert, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { C2Tabs } from './C2Tabs.tsx';
import { SessionTimeline } from './SessionTimeline.tsx';
import { useC2Engagement } from './use-c2-engagement.ts';

/** When each session was present, its sleep as the shade (excluded sessions are left out). */
export function C2TimelinePage() {
  const { engagement, sessions } = useC2Engagement();
  if (!engagement) return <Alert color="blue">Choose an engagement to see its C2 sessions over time.</Alert>;
  return (
    <Stack>
      <PageHeader
        title="C2 timeline"
        description="When each session was present (its check-in intervals); darker = shorter sleep."
      />
      <C2Tabs />
      {sessions.size === 0 ? (
        <Text c="dimmed">No sessions yet.</Text>
      ) : (
        <SessionTimeline sessions={[...sessions.values()]} />
      )}
    </Stack>
  );
}
