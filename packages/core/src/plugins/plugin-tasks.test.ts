import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJobs, insertJob, type TaskRunContext } from '../jobs/index.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { runPluginTask } from './host/task-entry.ts';
import { setPointEnabled } from './plugin-admin.service.ts';
import { loadPluginRegistry } from './plugin-registry.ts';
import { syncPlugins } from './plugin-sync.service.ts';
import { pluginTaskResolver } from './plugin-task-resolver.ts';

const FAULTY = path.join(import.meta.dirname, 'testing', 'fixture-plugins', 'faulty.ts');

describe.each(testDialects())('plugin background tasks on %s', (dialect) => {
  let ctx: TestContext;
  let listFile: string;
  beforeAll(async () => {
    listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-tasks-')), 'list.json');
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [FAULTY] }));
    // The task entry loads the registry itself, as it does in a worker thread.
    process.env.STEPPINGSTONES_PLUGINS_FILE = listFile;
    ctx = await createTestContext(dialect);
    await syncPlugins(ctx.services(), await loadPluginRegistry({ listFile }));
  });
  afterAll(async () => {
    delete process.env.STEPPINGSTONES_PLUGINS_FILE;
    await ctx.dispose();
  });

  const runContext = (task: string, payload: unknown): TaskRunContext => ({
    job: { id: 7, task, attempt: 1, maxAttempts: 2 },
    payload,
    config: ctx.config,
    logger: ctx.logger,
    database: async () => ctx.database,
    services: async () => ctx.services(),
  });

  it('names tasks <pluginId>:<key> with the documented defaults for the job runner', async () => {
    const resolver = pluginTaskResolver(await loadPluginRegistry({ listFile }));
    const echo = resolver.resolve('test-faults:echo');
    expect(echo?.schedule).toEqual({ delaySeconds: 30, repeatSeconds: 60, replaceExistingTasks: true });
    expect([echo?.timeoutMs, echo?.maxAttempts]).toEqual([60_000, 5]);
    expect(resolver.resolve('test-faults:chain')?.schedule).toBeUndefined();
    expect(resolver.resolve('test-faults:chain')?.entry.exportName).toBe('runPluginTask');
    expect(await resolver.missingHint?.('gone:task', ctx.database)).toContain('install the plugin "gone"');
    expect(await resolver.missingHint?.('test-faults:nope', ctx.database)).toContain(
      'the installed plugin "test-faults" has no task "nope"',
    );
  });

  it('runs a task with its context; its scheduler queues another job', async () => {
    await runPluginTask(runContext('test-faults:chain', { n: 1 }));
    const jobs = await ctx.database.db.selectFrom('job').select(['task', 'payload']).execute();
    expect(jobs).toEqual([{ task: 'test-faults:echo', payload: JSON.stringify({ n: 2 }) }]);
  });

  it('skips a run while its point is disabled, and rejects a payload that does not match', async () => {
    await setPointEnabled(ctx.services(), 'test-faults', 'chain', false, { type: 'background-task' });
    expect(await runPluginTask(runContext('test-faults:chain', { n: 5 }))).toEqual({ skipped: 'disabled' });
    await setPointEnabled(ctx.services(), 'test-faults', 'chain', true, { type: 'background-task' });
    await expect(runPluginTask(runContext('test-faults:chain', { n: 'x' }))).rejects.toThrow();
  });

  it('leaves the jobs of a disabled task queued for the worker, and claims them once it is enabled', async () => {
    await ctx.database.db.deleteFrom('job').execute();
    const chain = await insertJob(ctx.services(), {
      task: 'test-faults:chain',
      payload: { n: 1 },
      maxAttempts: 2,
    });
    const echo = await insertJob(ctx.services(), { task: 'test-faults:echo', payload: {}, maxAttempts: 2 });
    // A fresh resolver each time: a worker's copy of the flags is at most PLUGIN_STATE_TTL_MS old.
    const claim = async (owner: string) => {
      const resolver = pluginTaskResolver(await loadPluginRegistry({ listFile }));
      const pausedTaskNames = (await resolver.disabledTaskNames?.(ctx.database)) ?? [];
      const jobs = await claimJobs(ctx.services(), { owner, leaseMs: 60_000, limit: 10, pausedTaskNames });
      return jobs.map((j) => Number(j.id));
    };
    await setPointEnabled(ctx.services(), 'test-faults', 'chain', false, { type: 'background-task' });
    expect(await claim('w1')).toEqual([echo]);
    await setPointEnabled(ctx.services(), 'test-faults', 'chain', true, { type: 'background-task' });
    expect(await claim('w2')).toEqual([chain]);
  });
});
