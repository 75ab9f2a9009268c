import { gridBenchmark } from '../lib/grid-benchmark.ts';

export default gridBenchmark({
  name: 'events-grid-filtered',
  description:
    'GET /api/v1/events/ filtered by tactic (Lateral Movement) and Detected (No Trace), first page',
  target: { text: 'median ≤ 30 ms at 1M events', issue: 4, metric: 'median', value: 30, atSize: 1_000_000 },
  params: (d) => ({ tactic: d.filter.tactic, detected: d.filter.detected }),
  hand: (d) => ({ tactic: d.filter.tactic, detected: d.filter.detected }),
});
