import { Alert, Group, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { ReportingMenu } from './ReportingMenu.tsx';

/** Reports of the current engagement (the event log has the same Reporting menu, on its filter). */
export function ReportsPage() {
  const me = useMe();
  const engagement = me.current_engagement;
  return (
    <Stack gap="md">
      <PageHeader
        title="Reports"
        description="Report snippets built by the installed plugins from the engagement's events. The event log's Reporting menu runs them on its current filter; here they cover every event."
      />
      {!engagement ? (
        <Alert color="yellow" title="No engagement selected" maw={640}>
          Choose the engagement you are working in from the switcher at the top of the page.
        </Alert>
      ) : (
        <Group gap="md">
          <ReportingMenu engagement={engagement} />
          {can(me, 'credential.view') && (
            <ReportingMenu engagement={engagement} type="credential-report" label="Credential reports" />
          )}
          <Text size="sm" c="dimmed">
            Engagement {engagement}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
