import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cancelJob, combineResolvers, getJobRow, insertJob } from '@steppingstones/core/jobs';
import { loadPluginRegistry, pluginTaskResolver } from '@steppingstones/core/plugins';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningWorker } from './main.ts';
import { readRuns, testResolver } from './testing/test-tasks.ts';
import { startTestWorker, waitFor } from './testing/worker-harness.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

// One worker per dialect serves every test here; each test has its own jobs and run log.
describe.each(testDialects())('the job runner on %s', (dialect) => {
  let ctx: TestContext;
  let worker: RunningWorker;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    // The plugin resolver as the real worker has it (no plugin installed): its hints for unknown tasks.
    const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-plugins-')), 'plugins.json');
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [] }));
    const plugins = pluginTaskResolver(await loadPluginRegistry({ listFile }));
    worker = await startTestWorker(ctx, combineResolvers(testResolver(), plugins), { concurrency: 3 });
  });
  afterAll(async () => {
    await worker?.stop(500);
    await ctx?.dispose();
  });

  const newLog = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-runs-')), 'runs.log');
  const enqueue = (task: string, payload: Record<string, unknown>, maxAttempts = 3) =>
    insertJob(ctx.services(), { task, payload, maxAttempts });
  const job = (id: number) => getJobRow(ctx.database.db, id);
  const finished = (id: number) => async () => {
    const row = await job(id);
    return ['succeeded', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
  };

  it('runs a queued job once and marks it succeeded', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:record', { log });
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(1);
    expect(readRuns(log)).toEqual([{ id, attempt: 1, what: 'ok' }]);
  });

  it('retries a failing job and succeeds on a later attempt', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:record', { log, failAttempts: 2 });
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('succeeded');
    expect(row.last_error).toBeNull();
    expect(readRuns(log).map((r) => `${r.attempt} ${r.what}`)).toEqual(['1 fail', '2 fail', '3 ok']);
  });

  it('fails a job for good when its attempts are used up, keeping the last error', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:record', { log, failAttempts: 9 }, 2);
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBe('planned failure on attempt 2');
    expect(readRuns(log)).toHaveLength(2);
  });

  it('stops a task that blocks its thread at its timeout and retries it', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:block', { log, failAttempts: 1 });
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('succeeded');
    expect(readRuns(log).map((r) => `${r.attempt} ${r.what}`)).toEqual(['1 start', '2 start', '2 ok']);
  });

  it('reports the timeout as the error of a task that always blocks', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:block', { log, failAttempts: 9 }, 1);
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe('The task did not finish within 500 ms and was stopped.');
  });

  it('fails a job whose task is unknown, naming the plugin to install', async () => {
    const id = await enqueue('ghost-plugin:haunt', {});
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe(
      'No installed task is called "ghost-plugin:haunt". Install the plugin "ghost-plugin" ' +
        '(steppingstones plugins add <its package>) and restart the worker, or cancel the job.',
    );
  });

  it('names the package of an uninstalled plugin whose job is left', async () => {
    // Uninstalled plugins keep their row (marked missing), with the package they came from.
    const now = Date.now();
    await ctx.database.db
      .insertInto('plugin')
      .values({
        plugin_id: 'gone-plugin',
        package: '@acme/steppingstones-gone',
        name: 'Gone',
        version: '1.0.0',
        description: '',
        status: 'missing',
        enabled: 1,
        last_error: null,
        position: 0,
        created_at: now,
        updated_at: now,
        synced_at: now,
      })
      .execute();
    const id = await enqueue('gone-plugin:sync', {});
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe(
      'No installed task is called "gone-plugin:sync". Install the plugin "gone-plugin" ' +
        '(steppingstones plugins add @acme/steppingstones-gone) and restart the worker, or cancel the job.',
    );
  });

  it('fails a job whose payload does not match its schema, saying why', async () => {
    const id = await enqueue('test-plugin:record', { log: 42 });
    const row = await waitFor(finished(id), 'the job to finish');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('does not match the schema of task "test-plugin:record" at "log"');
    expect(row.last_error).toContain('the plugin "test-plugin"');
  });

  it('stops a running job that an admin cancels', async () => {
    const log = newLog();
    const id = await enqueue('test-plugin:record', { log, sleepMs: 60_000 });
    await waitFor(() => readRuns(log).length > 0, 'the job to start');
    await cancelJob(ctx.services(), id);
    await waitFor(() => !worker.runner.activeJobIds.includes(id), 'the worker to let go of the job');
    const row = await job(id);
    expect(row.status).toBe('cancelled');
    expect(readRuns(log).map((r) => r.what)).toEqual(['start']);
  });
});
