// A pool thread: loads the host once, then runs one plugin call at a time as the pool asks.
import { parentPort } from 'node:worker_threads';
import type { PoolMessage } from './thread-pool.ts';

type Handler = (data: never) => Promise<unknown>;
const handlers: Record<string, () => Promise<Handler>> = {
  report: async () => (await import('./report-thread.ts')).renderReportInThread as Handler,
};

parentPort!.on('message', async (msg: { id: number; task: string; data: unknown }) => {
  let reply: PoolMessage<unknown>;
  try {
    const load = handlers[msg.task];
    if (!load) throw new Error(`unknown task ${msg.task}`);
    const value = await (await load())(msg.data as never);
    reply = { id: msg.id, ok: true, value };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id: msg.id, ok: false, message: e.message, stack: e.stack };
  }
  parentPort!.postMessage(reply);
});

// Load the report host before saying ready, so the first call's deadline covers only the plugin.
await import('./report-thread.ts');
parentPort!.postMessage({ ready: true } satisfies PoolMessage<unknown>);
