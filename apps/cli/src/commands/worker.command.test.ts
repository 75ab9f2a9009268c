import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { systemClock } from '@steppingstones/core';
import { insertJob } from '@steppingstones/core/jobs';
import { runningProcesses } from '@steppingstones/core/runtime';
import {
  createWebhook,
  DELIVER_MAX_ATTEMPTS,
  DELIVER_TASK,
  listDeliveries,
} from '@steppingstones/core/webhooks';
import { createDb, parseDatabaseUrl } from '@steppingstones/db';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/steppingstones.js', import.meta.url));
// Each command starts Node with TypeScript compiled on the fly: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

async function until(check: () => boolean, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.each(testDialects())('the worker and jobs commands on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let serve: ChildProcess | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-cli-'));
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      PORT: '0',
    } as Record<string, string>;
  });
  afterEach(async () => {
    if (serve && serve.exitCode === null) serve.kill('SIGKILL');
    for (const p of runningProcesses(dataDir)) process.kill(p.pid, 'SIGKILL');
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const startServe = () => {
    serve = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    return serve;
  };
  const workerPid = () => runningProcesses(dataDir).find((p) => p.role === 'worker')?.pid;

  it('serve starts the worker as a child; SIGTERM stops both', async () => {
    const server = startServe();
    await until(() => workerPid() !== undefined, 'the worker to start');
    const pid = workerPid()!;
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await until(() => !alive(pid), 'the worker to stop');
  });

  it('the worker dies with a server killed by SIGKILL', async () => {
    const server = startServe();
    await until(() => workerPid() !== undefined, 'the worker to start');
    const pid = workerPid()!;
    server.kill('SIGKILL');
    await until(() => !alive(pid), 'the orphaned worker to stop');
  });

  it('WORKER=off starts no worker', async () => {
    env.WORKER = 'off';
    const server = startServe();
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    await until(() => out.includes('Worker: off'), 'the server to start');
    expect(workerPid()).toBeUndefined();
  });

  it('a worker stopped with SIGTERM finishes the delivery it is running, then exits', async () => {
    // A receiver that holds the request until the test answers it.
    let held: http.ServerResponse | undefined;
    const receiver = http.createServer((req, res) => {
      req.resume();
      held = res;
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      env.WEBHOOK_ALLOW_PRIVATE = 'true';
      expect(spawnSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8' }).status).toBe(0);
      const database2 = createDb({ target: parseDatabaseUrl(database.url, process.cwd()) });
      const { port } = receiver.address() as AddressInfo;
      const hook = await createWebhook(
        { db: database2.db, clock: systemClock },
        {
          url: `http://127.0.0.1:${port}/hook`,
          types: ['new beacon'],
        },
      );
      const payload = {
        webhookId: hook.id,
        deliveryId: crypto.randomUUID(),
        domainEventId: null,
        type: 'new beacon',
        body: '{"type":"new beacon","message":"m"}',
      };
      const id = await insertJob(
        { db: database2.db, clock: systemClock },
        {
          task: DELIVER_TASK,
          payload,
          maxAttempts: DELIVER_MAX_ATTEMPTS,
        },
      );
      const worker = spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      worker.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
      });
      const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      await until(() => held !== undefined, 'the delivery to reach the receiver');
      worker.kill('SIGTERM');
      await until(
        () => out.includes('SIGTERM: the worker finishes its running jobs'),
        'the worker to stop claiming',
      );
      held!.end('{}');
      expect(await exited).toBe(0);
      const job = await database2.db
        .selectFrom('job')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(job.status).toBe('succeeded');
      expect((await listDeliveries(database2.db, hook.id)).results).toMatchObject([
        { status_code: 200, ok: true, attempt: 1 },
      ]);
      await database2.close();
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('jobs list, retry and cancel', async () => {
    const database2 = createDb({ target: parseDatabaseUrl(database.url, process.cwd()) });
    const { db } = database2;
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
    expect(run('migrate').status).toBe(0);
    const now = Date.now();
    const { id } = await db
      .insertInto('job')
      .values({
        task: 'ghost:task',
        payload: '{}',
        status: 'failed',
        run_at: now,
        attempts: 5,
        max_attempts: 5,
        last_error: 'No installed task is called "ghost:task".',
        repeat_seconds: 0,
        anchor_at: now,
        created_at: now,
        updated_at: now,
        finished_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database2.close();
    const list = run('jobs', 'list', '--status', 'failed');
    expect(list.stdout).toContain(`${id}\tfailed\tghost:task\tinstance\tattempts 5/5`);
    expect(list.stdout).toContain('No installed task is called "ghost:task".');
    expect(run('jobs', 'retry', String(id)).stdout).toBe(`Job ${id} (ghost:task) is queued to run now.\n`);
    expect(run('jobs', 'cancel', String(id)).stdout).toBe(`Job ${id} (ghost:task) is cancelled.\n`);
    const again = run('jobs', 'cancel', String(id));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already finished (cancelled)');
  });
});
