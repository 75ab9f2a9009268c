import { Anchor, Card, Group, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { apiFetch } from '../../../lib/api-client.ts';
import { parseChartBody } from '../../plugins/chart-option.ts';
import { InteractiveChart } from '../../plugins/InteractiveChart.tsx';
import { chartUrl, type StatsFilter } from './stats-api.ts';

/** One chart drawn in the page, with its PNG and SVG rendered by the server as downloads. */
export function StatsChart({
  engagement,
  filter,
  chartKey,
  title,
}: {
  engagement: string;
  filter: StatsFilter;
  chartKey: string;
  title: string;
}) {
  const url = (format: 'echarts' | 'png' | 'svg') => chartUrl(engagement, filter, chartKey, format);
  const chart = useQuery({
    queryKey: ['credential-stats-chart', engagement, chartKey, filter],
    queryFn: async () => parseChartBody(await (await apiFetch(url('echarts'))).text()),
  });
  return (
    <Card withBorder data-testid={`stats-chart-${chartKey}`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Group gap="sm">
          <Anchor href={url('png')} download>
            PNG
          </Anchor>
          <Anchor href={url('svg')} download>
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
          <InteractiveChart body={chart.data} title={title} svgUrl={url('svg')} />
        </div>
      )}
    </Card>
  );
}
