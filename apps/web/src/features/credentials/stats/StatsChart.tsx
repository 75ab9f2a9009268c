import { Anchor, Card, Group, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { apiFetch } from '../../../lib/api-client.ts';
import { parseChartBody } from '../../plugins/chart-option.ts';
import { InteractiveChart } from '../../plugins/InteractiveChart.tsx';
import { chartUrl } from './stats-api.ts';

/** One chart drawn in the page, with its PNG and SVG rendered by the server as downloads. */
export function StatsChart({
  engagement,
  chartKey,
  title,
}: {
  engagement: string;
  chartKey: string;
  title: string;
}) {
  const chart = useQuery({
    queryKey: ['credential-stats-chart', engagement, chartKey],
    queryFn: async () =>
      parseChartBody(await (await apiFetch(chartUrl(engagement, chartKey, 'echarts'))).text()),
  });
  return (
    <Card withBorder data-testid={`stats-chart-${chartKey}`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Group gap="sm">
          <Anchor href={chartUrl(engagement, chartKey, 'png')} download>
            PNG
          </Anchor>
          <Anchor href={chartUrl(engagement, chartKey, 'svg')} download>
            SVG
          </Anchor>
        </Group>
      </Group>
      {chart.isPending ? (
        <LoadingState />
      ) : chart.isError ? (
        <ErrorState error={chart.error} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <InteractiveChart body={chart.data} title={title} svgUrl={chartUrl(engagement, chartKey, 'svg')} />
        </div>
      )}
    </Card>
  );
}
