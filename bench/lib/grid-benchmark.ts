import type { DatasetInfo } from '../generators/dataset-info.ts';
import { defineBenchmark } from './define.ts';
import { type ApiSession, expectStatus, openApiSession } from './events-api.ts';
import { type HandFilter, handWrittenPage } from './grid-sql.ts';
import type { BenchmarkDefinition, BenchTarget } from './types.ts';

/** Sizes of the event-log read benchmarks: the 1,000,000, and 100,000 to see the trend. */
export const EVENT_SIZES = { full: [100_000, 1_000_000], quick: [1_000] };

interface GridOptions {
  name: string;
  description: string;
  target: BenchTarget;
  /** The list URL's parameters (after `engagement=` and `page_size=100`). */
  params(dataset: DatasetInfo): Record<string, string>;
  /** The same filter for the hand-written SQL. */
  hand(dataset: DatasetInfo): HandFilter;
}

interface GridState {
  session: ApiSession;
  url: string;
  hand: () => Promise<number>;
}

/** A grid page through the HTTP API against the same page written by hand in SQL. */
export function gridBenchmark(options: GridOptions): BenchmarkDefinition<GridState> {
  return defineBenchmark<GridState>({
    name: options.name,
    description: options.description,
    baselineDescription: 'the same page and capped count written by hand in SQL (prepared, raw driver)',
    target: options.target,
    dataset: 'events',
    sizes: EVENT_SIZES,
    iterations: { full: 40, quick: 8 },
    warmup: 8,
    unit: 'rows/s',
    async setup(env) {
      const dataset = env.dataset!;
      const session = await openApiSession(env);
      const query = new URLSearchParams({
        engagement: dataset.engagementCode,
        page_size: '100',
        ...options.params(dataset),
      });
      const url = `/api/v1/events/?${query}`;
      const first = await session.get(url);
      expectStatus(first, 200, url);
      const body = JSON.parse(first.text) as { results: unknown[] };
      if (body.results.length === 0)
        throw new Error(`${url} found no events: the benchmark would measure nothing`);
      return { session, url, hand: handWrittenPage(env, options.hand(dataset)) };
    },
    async baseline(state) {
      return { rows: await state.hand() };
    },
    async measure(state) {
      const res = await state.session.get(state.url);
      expectStatus(res, 200, state.url);
      return { rows: 100 };
    },
    async teardown(state) {
      await state.session.server.close();
    },
  });
}
