// Runs in a thread beside a large EventStream import: splits the bytes the importer posts into lines and
// prepares them (parse, check, identity, extraction), posting them back in batches while the importer
// writes the previous ones.
import { parentPort, workerData } from 'node:worker_threads';
import type {
  PrepareThreadData,
  PrepareThreadMessage,
  PrepareThreadReply,
} from './eventstream-prepare.client.ts';
import { type Prepared, prepareLine } from './eventstream-prepare.ts';
import { readLineBatches } from './line-reader.ts';

const port = parentPort!;
const data = workerData as PrepareThreadData;

/** The posted chunks as the line reader's input; each one taken is acknowledged (the importer's backpressure). */
async function* chunks(): AsyncGenerator<Uint8Array> {
  const queue: Array<Uint8Array | null> = [];
  let wake: (() => void) | null = null;
  port.on('message', (m: PrepareThreadMessage) => {
    queue.push(m.kind === 'chunk' ? m.chunk : null);
    wake?.();
  });
  for (;;) {
    if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const next = queue.shift();
    if (next === undefined) continue;
    if (next === null) return;
    yield next;
    port.postMessage({ kind: 'ack' } satisfies PrepareThreadReply);
  }
}

let batch: Exclude<Prepared, null>[] = [];
let lines = 0;
const flush = () => {
  port.postMessage({ kind: 'batch', items: batch, lines } satisfies PrepareThreadReply);
  batch = [];
};
try {
  for await (const reads of readLineBatches(chunks(), { maxLineBytes: data.maxLineBytes }))
    for (const read of reads) {
      lines = read.line;
      const prepared = prepareLine(read, data.maxLineBytes, data.extract);
      if (prepared === null) continue;
      batch.push(prepared);
      if (batch.length >= data.batch) flush();
    }
  flush();
  port.postMessage({ kind: 'done' } satisfies PrepareThreadReply);
} catch (error) {
  port.postMessage({ kind: 'error', message: (error as Error).message } satisfies PrepareThreadReply);
}
