import { gridBenchmark } from '../lib/grid-benchmark.ts';

export default gridBenchmark({
  name: 'events-grid-default',
  description: 'GET /api/v1/events/ — the default grid page (newest first, 100 rows, capped count)',
  target: { text: 'median ≤ 30 ms at 1M events', issue: 4, metric: 'median', value: 30, atSize: 1_000_000 },
  params: () => ({}),
  hand: () => ({}),
});
