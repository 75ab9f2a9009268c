import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { DialectName } from '@steppingstones/db';
import { eventRowBatches, type LoadTargets, type RowsSummary } from './event-rows.ts';
import { datasetSpec } from './events.ts';

/** Batches posted but not yet written by the main thread: enough to keep it busy, bounded in memory. */
const MAX_IN_FLIGHT = 3;

export interface RowsWorkerData {
  seed: number;
  count: number;
  targets: LoadTargets;
  dialect: DialectName;
}

export type RowsWorkerMessage =
  | { type: 'batch'; rows: import('./event-rows.ts').EventRow[] }
  | { type: 'done'; summary: RowsSummary };

const port = parentPort!;
const data = workerData as RowsWorkerData;
const { spec, estate } = datasetSpec(data.seed, data.count);
const summary: RowsSummary = { mainCount: 0, contextLastUsed: [] };
let inFlight = 0;
port.on('message', () => {
  inFlight--;
});
for (const rows of eventRowBatches(spec, estate, data.targets, data.dialect, summary)) {
  while (inFlight >= MAX_IN_FLIGHT) await once(port, 'message');
  inFlight++;
  port.postMessage({ type: 'batch', rows } satisfies RowsWorkerMessage);
}
port.postMessage({ type: 'done', summary } satisfies RowsWorkerMessage);
