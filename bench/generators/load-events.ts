import { Worker } from 'node:worker_threads';
import type { Database } from '@steppingstones/db';
import type { EventRow, LoadTargets } from './event-rows.ts';
import type { RowsWorkerData, RowsWorkerMessage } from './event-rows.worker.ts';
import type { EventDatasetSpec } from './events.ts';
import { loadIntoPostgres } from './load-postgres.ts';
import { loadIntoSqlite } from './load-sqlite.ts';

export type { EventRow, LoadTargets } from './event-rows.ts';

export interface ContextRow {
  id: number;
  engagement_id: number;
  host: string;
  user: string;
  process: string;
}

export interface TagRow {
  id: number;
  engagement_id: number;
  name: string;
}

/** What a dialect writer receives: contexts and tags up front, then the events in batches. */
export interface Load {
  contexts: ContextRow[];
  tags: TagRow[];
  batches: AsyncIterable<EventRow[]>;
  /** Filled when the batches are exhausted: the newest start of each used context. */
  contextLastUsed: Map<number, number>;
}

const TSX_THREAD = new URL('../lib/tsx-thread.mjs', import.meta.url);
const WORKER = new URL('./event-rows.worker.ts', import.meta.url);

/**
 * The event batches, produced in a worker thread (generation, redaction and search text are most of a
 * build's CPU) while the caller writes the previous ones: a two-core build takes about half as long.
 */
function batchesFromWorker(
  data: RowsWorkerData,
  onDone: (summary: Extract<RowsWorkerMessage, { type: 'done' }>['summary']) => void,
  log: (line: string) => void,
): AsyncIterable<EventRow[]> {
  return {
    async *[Symbol.asyncIterator]() {
      const worker = new Worker(TSX_THREAD, { workerData: { ...data, entry: WORKER.href } });
      const queue: RowsWorkerMessage[] = [];
      let wake: (() => void) | null = null;
      let failure: Error | null = null;
      worker.on('message', (m: RowsWorkerMessage) => {
        queue.push(m);
        wake?.();
      });
      worker.on('error', (e) => {
        failure = e;
        wake?.();
      });
      worker.on('exit', (code) => {
        if (code !== 0 && !failure) failure = new Error(`the event generator thread exited with ${code}`);
        wake?.();
      });
      let written = 0;
      try {
        for (;;) {
          while (queue.length === 0 && !failure) await new Promise<void>((r) => (wake = r));
          wake = null;
          const message = queue.shift();
          if (!message) throw failure;
          if (message.type === 'done') {
            onDone(message.summary);
            return;
          }
          yield message.rows;
          worker.postMessage('written');
          const before = written;
          written += message.rows.length;
          if (Math.floor(written / 100_000) > Math.floor(before / 100_000))
            log(`${(Math.floor(written / 100_000) * 100_000).toLocaleString('en-US')} events…`);
        }
      } finally {
        await worker.terminate();
      }
    },
  };
}

/**
 * Loads the generated events straight into the tables (bulk statements in big transactions, indexes
 * built after the load): the services would take an hour for a million events.
 */
export async function loadEvents(
  database: Database,
  spec: EventDatasetSpec,
  targets: LoadTargets,
  log: (line: string) => void = () => {},
): Promise<{ mainCount: number }> {
  const contexts: ContextRow[] = [];
  const tags: TagRow[] = [];
  let nextId = 1;
  for (const engagementId of targets.engagementIds)
    for (const c of spec.contexts) contexts.push({ id: nextId++, engagement_id: engagementId, ...c });
  nextId = 1;
  for (const engagementId of targets.engagementIds)
    for (const name of spec.tags) tags.push({ id: nextId++, engagement_id: engagementId, name });
  const contextLastUsed = new Map<number, number>();
  let mainCount = 0;
  const batches = batchesFromWorker(
    { seed: spec.seed, count: spec.count, targets, dialect: database.dialect },
    (summary) => {
      mainCount = summary.mainCount;
      for (const [id, at] of summary.contextLastUsed) contextLastUsed.set(id, at);
    },
    log,
  );
  const load: Load = { contexts, tags, batches, contextLastUsed };
  if (database.dialect === 'sqlite') await loadIntoSqlite(database.sqlite!, load);
  else await loadIntoPostgres(database, load);
  return { mainCount };
}
