import { gridBenchmark } from '../lib/grid-benchmark.ts';

export default gridBenchmark({
  name: 'events-search-common',
  description: 'GET /api/v1/events/?search=powershell — a term in about a fifth of the events, first page',
  target: { text: 'median ≤ 300 ms at 1M events', issue: 4, metric: 'median', value: 300, atSize: 1_000_000 },
  params: (d) => ({ search: d.terms.common }),
  hand: (d) => ({ search: d.terms.common }),
});
