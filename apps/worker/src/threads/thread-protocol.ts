import type { TaskEntry } from '@steppingstones/core/jobs';

/** Main thread → task thread: run one task. */
export interface RunMessage {
  type: 'run';
  runId: number;
  entry: TaskEntry;
  job: { id: number; task: string; attempt: number; maxAttempts: number };
  payload: unknown;
}

/** Task thread → main thread: the task's code is loaded and starts now (its deadline starts here); how the run ended. */
export type ResultMessage =
  | { type: 'started'; runId: number }
  | { type: 'result'; runId: number; ok: true; result: unknown }
  | { type: 'result'; runId: number; ok: false; error: string; permanent: boolean };
