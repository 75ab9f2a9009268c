import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../clock.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { scheduleTasks } from './job.scheduler.ts';
import { insertJob } from './job.service.ts';
import { staticResolver, type TaskDefinition, type TaskSchedule } from './task-definition.ts';

const execFileAsync = promisify(execFile);

const task = (name: string, schedule?: Partial<TaskSchedule>): TaskDefinition => ({
  name,
  pluginId: name.split(':')[0],
  payloadSchema: z.object({}),
  timeoutMs: 1000,
  maxAttempts: 3,
  ...(schedule
    ? { schedule: { delaySeconds: 30, repeatSeconds: 0, replaceExistingTasks: true, ...schedule } }
    : {}),
  entry: { module: 'file:///nowhere.ts', exportName: 'run' },
});

describe.each(testDialects())('scheduling background tasks at worker start on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  const jobs = (name: string) =>
    ctx.database.db.selectFrom('job').selectAll().where('task', '=', name).orderBy('id').execute();

  it('enqueues a scheduled task after its delay with its repeat, and payload {}', async () => {
    const clock = fixedClock();
    await scheduleTasks(
      { ...ctx.services(), clock },
      staticResolver([task('p:sync', { delaySeconds: 120, repeatSeconds: 180 })]),
    );
    const [job, ...more] = await jobs('p:sync');
    expect(more).toEqual([]);
    expect(job!.status).toBe('queued');
    expect(job!.run_at).toBe(clock.now() + 120_000);
    expect(job!.repeat_seconds).toBe(180);
    expect(job!.anchor_at).toBe(job!.run_at);
    expect(JSON.parse(job!.payload)).toEqual({});
  });

  it('uses the defaults: 30 s delay, run once', async () => {
    await scheduleTasks(ctx.services(), staticResolver([task('p:once', {})]));
    const [job] = await jobs('p:once');
    expect(job!.repeat_seconds).toBe(0);
    expect(job!.run_at - job!.created_at).toBe(30_000);
  });

  it('never enqueues a task without a schedule', async () => {
    const report = await scheduleTasks(ctx.services(), staticResolver([task('p:manual')]));
    expect(report.enqueued).toEqual([]);
    expect(await jobs('p:manual')).toEqual([]);
  });

  it('replaceExistingTasks=true drops the queued copy; only the new delay and repeat apply', async () => {
    await scheduleTasks(
      ctx.services(),
      staticResolver([task('p:t', { delaySeconds: 10, repeatSeconds: 60 })]),
    );
    await scheduleTasks(
      ctx.services(),
      staticResolver([task('p:t', { delaySeconds: 500, repeatSeconds: 900 })]),
    );
    const all = await jobs('p:t');
    expect(all).toHaveLength(1);
    expect(all[0]!.repeat_seconds).toBe(900);
    expect(all[0]!.run_at - all[0]!.created_at).toBe(500_000);
  });

  it('replaceExistingTasks=true stops a running copy from repeating', async () => {
    await scheduleTasks(ctx.services(), staticResolver([task('p:t', { repeatSeconds: 60 })]));
    await ctx.database.db.updateTable('job').set({ status: 'running' }).where('task', '=', 'p:t').execute();
    await scheduleTasks(ctx.services(), staticResolver([task('p:t', { repeatSeconds: 60 })]));
    const all = await jobs('p:t');
    expect(all.map((j) => [j.status, j.repeat_seconds])).toEqual([
      ['running', 0],
      ['queued', 60],
    ]);
  });

  it('replaceExistingTasks=false keeps the queued copy and adds none', async () => {
    const keep = task('p:k', { delaySeconds: 10, repeatSeconds: 60, replaceExistingTasks: false });
    await scheduleTasks(ctx.services(), staticResolver([keep]));
    const [first] = await jobs('p:k');
    const report = await scheduleTasks(
      ctx.services(),
      staticResolver([{ ...keep, schedule: { ...keep.schedule!, delaySeconds: 999, repeatSeconds: 5 } }]),
    );
    expect(report.kept).toEqual(['p:k']);
    expect(await jobs('p:k')).toEqual([first]);
  });

  it('leaves jobs of the task that were queued with a payload of their own', async () => {
    // e.g. a plugin queues its scheduled task for one engagement: that job is not a copy of the schedule.
    const own = await insertJob(ctx.services(), { task: 'p:t', payload: { engagement: 5 }, maxAttempts: 3 });
    const keep = await insertJob(ctx.services(), {
      task: 'p:k',
      payload: { engagement: 5 },
      maxAttempts: 3,
    });
    const report = await scheduleTasks(
      ctx.services(),
      staticResolver([
        task('p:t', { repeatSeconds: 60 }),
        task('p:k', { repeatSeconds: 60, replaceExistingTasks: false }),
      ]),
    );
    expect(report.enqueued).toEqual(['p:t', 'p:k']);
    for (const [name, id] of [
      ['p:t', own],
      ['p:k', keep],
    ] as const)
      expect((await jobs(name)).map((j) => [j.id === id, j.payload, j.repeat_seconds])).toEqual([
        [true, '{"engagement":5}', 0],
        [false, '{}', 60],
      ]);
  });

  it('makes one copy when several workers start at the same moment', async () => {
    // Separate processes, as separate workers are (each with its own connection).
    const fixture = fileURLToPath(new URL('./testing/schedule.fixture.ts', import.meta.url));
    const url = ctx.env.DATABASE_URL!;
    await Promise.all(
      Array.from({ length: 4 }, () => execFileAsync(process.execPath, ['--import', 'tsx', fixture, url])),
    );
    expect(await jobs('p:c')).toHaveLength(1);
    expect(await jobs('p:d')).toHaveLength(1);
  });
});
