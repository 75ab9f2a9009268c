import { Alert, SimpleGrid, Stack, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/QueryState.tsx';
import { can } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { groupByCategory, type ReportPointType, usePluginPoints } from './plugins-api.ts';
import { ReportCard } from './ReportCard.tsx';

/** Every report of one kind, grouped by category, as cards with a preview. */
function ReportGallery({ type, engagement }: { type: ReportPointType; engagement: string }) {
  const points = usePluginPoints(type);
  if (points.isLoading) return <LoadingState label="Loading reports…" />;
  if (points.isError) return <ErrorState error={points.error} onRetry={() => points.refetch()} />;
  const items = points.data ?? [];
  if (!items.length)
    return (
      <Alert color="gray" maw={640}>
        No report of this kind is enabled. An administrator can switch plugins on in Admin → Plugins.
      </Alert>
    );
  return (
    <Stack gap="lg">
      {groupByCategory(items).map((group) => (
        <Stack key={group.category} gap="xs" component="section" aria-label={group.category}>
          <Title order={3} size="h5">
            {group.category}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {group.items.map((item) => (
              <ReportCard
                key={`${item.plugin}/${item.key}`}
                item={item}
                type={type}
                engagement={engagement}
              />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * The gallery of the current engagement's reports (the event log's Reporting menu runs the same reports
 * on its filter; here they cover every event).
 */
export function ReportsPage() {
  const me = useMe();
  const engagement = me.current_engagement;
  return (
    <Stack gap="md">
      <PageHeader
        title="Reports"
        description="Report snippets built by the installed plugins from every event of the engagement. Open one to set its parameters, copy it into a document or download it; the event log's Reporting menu runs them on its filter."
      />
      {!engagement ? (
        <Alert color="yellow" title="No engagement selected" maw={640}>
          Choose the engagement you are working in from the switcher at the top of the page.
        </Alert>
      ) : (
        <Stack gap="xl">
          <ReportGallery type="event-report" engagement={engagement} />
          {can(me, 'credential.view') && (
            <Stack gap="md">
              <Title order={2} size="h4">
                Credential reports
              </Title>
              <ReportGallery type="credential-report" engagement={engagement} />
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
