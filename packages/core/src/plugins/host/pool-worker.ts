// A pool thread: runs one plugin call at a time as the pool asks, loading the host of a kind of call
// (reports, EventStream sources, C2 sources) only on its first call of that kind or when the pool asks
// it to preload one, so a thread that only parses C2 logs never holds the report host.
import { parentPort } from 'node:worker_threads';
import type { PoolMessage, PoolRequest } from './thread-pool.ts';

/** A call's handler; `signal` aborts when the pool cancels the call (e.g. the client went away). */
type Handler = (data: never, signal: AbortSignal) => Promise<unknown>;
const handlers: Record<string, () => Promise<Handler>> = {
  report: async () => (await import('./report-thread.ts')).renderReportInThread as Handler,
  'eventstream-source': async () =>
    (await import('../../eventstream/source-thread.ts')).runSourceInThread as Handler,
  'c2-source': async () => (await import('../../c2/c2-parse-thread.ts')).parseC2FilesInThread as Handler,
};
const running = new Map<number, AbortController>();

parentPort!.on('message', async (msg: PoolRequest) => {
  if ('cancel' in msg) {
    running.get(msg.cancel)?.abort();
    return;
  }
  if ('preload' in msg) {
    // A failure shows on the call that follows, which loads it again.
    await handlers[msg.preload]?.().catch(() => {});
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  let reply: PoolMessage<unknown>;
  try {
    const load = handlers[msg.task];
    if (!load) throw new Error(`unknown task ${msg.task}`);
    const handler = await load();
    // The call's deadline starts here: loading the host is the thread's cost, not the plugin's.
    parentPort!.postMessage({ id: msg.id, loaded: true } satisfies PoolMessage<unknown>);
    const value = await handler(msg.data as never, controller.signal);
    reply = { id: msg.id, ok: true, value };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id: msg.id, ok: false, message: e.message, stack: e.stack };
  } finally {
    running.delete(msg.id);
  }
  parentPort!.postMessage(reply);
});

parentPort!.postMessage({ ready: true } satisfies PoolMessage<unknown>);
