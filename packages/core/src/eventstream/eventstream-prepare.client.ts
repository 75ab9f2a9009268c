import { startTsThread } from '../threads/ts-thread.ts';
import { type Prepared, prepareLine } from './eventstream-prepare.ts';
import { readLineBatches } from './line-reader.ts';

export interface PrepareThreadData {
  maxLineBytes: number;
  extract: boolean;
  batch: number;
}
export type PrepareThreadMessage = { kind: 'chunk'; chunk: Uint8Array } | { kind: 'end' };
export type PreparedBatch = { items: Exclude<Prepared, null>[]; lines: number };
export type PrepareThreadReply =
  | { kind: 'ack' }
  | ({ kind: 'batch' } & PreparedBatch)
  | { kind: 'done' }
  | { kind: 'error'; message: string };

export interface PrepareOptions extends PrepareThreadData {
  onBytes?: (bytes: number) => void;
}

type Input = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const ENTRY = new URL('./eventstream-prepare.thread.ts', import.meta.url);
/** Chunks posted to the thread and not yet taken by its line reader. */
const MAX_IN_FLIGHT = 8;
/** Prepared batches not yet written: the thread may run ahead of the writes by this much, no more. */
const MAX_WAITING_BATCHES = 4;

/** The input's lines prepared here, in batches (small imports: no thread to start). */
export async function* preparedInline(input: Input, options: PrepareOptions): AsyncGenerator<PreparedBatch> {
  let items: PreparedBatch['items'] = [];
  let lines = 0;
  for await (const reads of readLineBatches(input, {
    maxLineBytes: options.maxLineBytes,
    onBytes: options.onBytes,
  }))
    for (const read of reads) {
      lines = read.line;
      const prepared = prepareLine(read, options.maxLineBytes, options.extract);
      if (prepared === null) continue;
      items.push(prepared);
      if (items.length >= options.batch) {
        yield { items, lines };
        items = [];
      }
    }
  yield { items, lines };
}

/**
 * The input's lines prepared in a thread (parse, check, identity, extraction) while the caller writes
 * the batches already prepared: a large import uses both cores. The caller's reading is held back when
 * the thread falls behind, so memory stays flat whatever the size.
 */
export async function* preparedInThread(
  input: Input,
  options: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  const { onBytes, ...workerData } = options;
  const worker = startTsThread(ENTRY, {
    workerData: { ...workerData },
    // A bounded heap (room for the longest line allowed, twice: its text and what it parses to, over
    // what the thread's modules take), so the import's memory stays under 300 MB whatever the size. The
    // young generation is not the smallest: a million short-lived lines made a tiny one collect so often
    // that collecting took a third of the thread's time.
    resourceLimits: {
      maxOldGenerationSizeMb: Math.min(4096, 96 + Math.ceil((2 * options.maxLineBytes) / 1024 / 1024)),
      maxYoungGenerationSizeMb: 32,
    },
  });
  const replies: PrepareThreadReply[] = [];
  let wake = null as (() => void) | null;
  let inFlight = 0;
  let acked = null as (() => void) | null;
  const release = () => {
    acked?.();
    acked = null;
  };
  let failure: unknown = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (reply: PrepareThreadReply) => {
    if (reply.kind === 'ack') {
      inFlight--;
      release();
      return;
    }
    replies.push(reply);
    notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    notify();
  });
  worker.on('exit', () => {
    failure ??= new Error('the line preparation thread stopped');
    notify();
  });
  const pump = (async () => {
    let bytes = 0;
    for await (const raw of input) {
      if (failure) return;
      // A copy the thread owns (a chunk may share a pooled buffer).
      const chunk = typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'utf8')) : new Uint8Array(raw);
      bytes += chunk.byteLength;
      inFlight++;
      worker.postMessage({ kind: 'chunk', chunk } satisfies PrepareThreadMessage, [chunk.buffer]);
      onBytes?.(bytes);
      // Held back while the thread has enough to read, or the writes have enough waiting: flat memory.
      while ((inFlight >= MAX_IN_FLIGHT || replies.length >= MAX_WAITING_BATCHES) && !failure)
        await new Promise<void>((resolve) => (acked = resolve));
    }
    worker.postMessage({ kind: 'end' } satisfies PrepareThreadMessage);
  })().catch((error: unknown) => {
    failure ??= error;
    notify();
  });
  try {
    for (;;) {
      const reply = replies.shift();
      release();
      if (!reply) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (reply.kind === 'done') break;
      if (reply.kind === 'error') throw new Error(reply.message);
      if (reply.kind === 'batch') yield { items: reply.items, lines: reply.lines };
    }
    await pump;
  } finally {
    failure ??= new Error('the import stopped');
    release();
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
