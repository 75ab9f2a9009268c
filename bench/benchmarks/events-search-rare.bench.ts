import { gridBenchmark } from '../lib/grid-benchmark.ts';

export default gridBenchmark({
  name: 'events-search-rare',
  description: 'GET /api/v1/events/?search=<a term in 3 events> — full-text search for a rare term',
  target: { text: 'median ≤ 100 ms at 1M events', issue: 4, metric: 'median', value: 100, atSize: 1_000_000 },
  params: (d) => ({ search: d.terms.rare }),
  hand: (d) => ({ search: d.terms.rare }),
});
