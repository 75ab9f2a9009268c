import { MessageChannel, type Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '@steppingstones/db';
import type { Principal } from '../permissions/index.ts';
import { startTsThread } from '../threads/index.ts';
import type { ExportFilter, ExportKey } from './export-rows.ts';
import type { CsvExportRequest, ExportToServer, ExportToThread } from './export-thread.protocol.ts';

const ENTRY = new URL('./export-thread.worker.ts', import.meta.url);
/** The longest the thread may take for the next chunk (starting up included) before the export fails. */
const CHUNK_DEADLINE_MS = 120_000;

let shared: { worker: Worker; exits: Set<(error: Error) => void> } | undefined;

/**
 * The process's export thread, started on the first large export and kept for later ones (starting a
 * thread that loads TypeScript costs a second or more). Unreferenced: it never keeps the process alive.
 */
function exportThread() {
  if (shared) return shared;
  const worker = startTsThread(ENTRY);
  worker.unref();
  const thread = { worker, exits: new Set<(error: Error) => void>() };
  const fail = (error: Error) => {
    if (shared === thread) shared = undefined;
    for (const exit of thread.exits) exit(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the export thread exited (code ${code})`)));
  shared = thread;
  return thread;
}

/**
 * The CSV records of the events after `after`, written by the export thread, as they arrive. Each chunk
 * taken grants the thread one more; closing the generator early (the client went away) closes the
 * port, and the thread stops reading.
 */
export async function* csvFromThread(
  target: DatabaseTarget,
  principal: Principal,
  filter: ExportFilter,
  after: ExportKey,
): AsyncGenerator<Buffer> {
  const thread = exportThread();
  const { port1, port2 } = new MessageChannel();
  const arrived: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  port1.on('message', (msg: ExportToServer) => {
    if (msg.type === 'chunk')
      arrived.push(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength));
    else if (msg.type === 'end') ended = true;
    else failure = new Error(`The export failed: ${msg.message}`);
    wake?.();
  });
  const onExit = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  thread.exits.add(onExit);
  const request: CsvExportRequest = {
    port: port2,
    target,
    principal: { ...principal, permissions: [...principal.permissions] },
    filter,
    after,
  };
  thread.worker.postMessage(request, [port2]);
  try {
    for (;;) {
      const chunk = arrived.shift();
      if (chunk) {
        port1.postMessage({ type: 'credit', n: 1 } satisfies ExportToThread);
        yield chunk;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The export thread sent nothing for ${CHUNK_DEADLINE_MS / 1000} s.`)),
          CHUNK_DEADLINE_MS,
        );
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
      });
    }
  } finally {
    thread.exits.delete(onExit);
    port1.close();
  }
}
