// Tasks for the worker's tests. Each records its runs by appending to a file (one line per run),
// which several threads and processes can do safely with O_APPEND.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  staticResolver,
  type TaskDefinition,
  type TaskResolver,
  type TaskRunContext,
} from '@steppingstones/core/jobs';
import { z } from 'zod';

const logPayload = z.object({
  log: z.string(),
  /** How many first attempts fail (recordRun) or block (blockThread). */
  failAttempts: z.number().int().default(0),
  sleepMs: z.number().default(0),
});

function record(ctx: TaskRunContext, what: string): void {
  const p = ctx.payload as z.infer<typeof logPayload>;
  fs.appendFileSync(p.log, `${ctx.job.id} ${ctx.job.attempt} ${what}\n`);
}

/** Records the run; the first `failAttempts` attempts fail; with `sleepMs` it records its start and sleeps first. */
export async function recordRun(ctx: TaskRunContext): Promise<unknown> {
  const p = ctx.payload as z.infer<typeof logPayload>;
  if (p.sleepMs) {
    record(ctx, 'start');
    await sleep(p.sleepMs);
  }
  if (ctx.job.attempt <= p.failAttempts) {
    record(ctx, 'fail');
    throw new Error(`planned failure on attempt ${ctx.job.attempt}`);
  }
  record(ctx, 'ok');
  return { attempt: ctx.job.attempt };
}

/** Records the start; the first `failAttempts` attempts then block their thread (only termination stops them). */
export async function blockThread(ctx: TaskRunContext): Promise<unknown> {
  const p = ctx.payload as z.infer<typeof logPayload>;
  record(ctx, 'start');
  if (ctx.job.attempt <= p.failAttempts) {
    const until = Date.now() + 3_600_000;
    while (Date.now() < until) {
      // Busy: an await-based timeout could never interrupt this.
    }
  }
  record(ctx, 'ok');
  return null;
}

const here = import.meta.url;
export function testTaskDefinitions(overrides: Partial<TaskDefinition> = {}): TaskDefinition[] {
  return [
    {
      name: 'test-plugin:record',
      pluginId: 'test-plugin',
      payloadSchema: logPayload,
      timeoutMs: 10_000,
      maxAttempts: 3,
      entry: { module: here, exportName: 'recordRun' },
      ...overrides,
    },
    {
      name: 'test-plugin:block',
      pluginId: 'test-plugin',
      payloadSchema: logPayload,
      timeoutMs: 500,
      maxAttempts: 3,
      entry: { module: here, exportName: 'blockThread' },
      ...overrides,
    },
  ];
}

export function testResolver(
  options: { disabled?: () => string[]; definitions?: TaskDefinition[] } = {},
): TaskResolver {
  const inner = staticResolver(options.definitions ?? testTaskDefinitions());
  return { ...inner, disabledPluginIds: async () => options.disabled?.() ?? [] };
}

export function readRuns(file: string): Array<{ id: number; attempt: number; what: string }> {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, attempt, what] = line.split(' ');
      return { id: Number(id), attempt: Number(attempt), what: what! };
    });
}
