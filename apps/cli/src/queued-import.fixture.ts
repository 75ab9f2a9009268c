import fs from 'node:fs';
import { uploadsDir } from '@steppingstones/core/runtime';
import type { DialectName } from '@steppingstones/db';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '@steppingstones/server/testing/index';
import { type RunningWorker, startWorker } from '@steppingstones/worker';
import { FAST, waitFor } from '@steppingstones/worker/testing/worker-harness';
import { afterAll, beforeAll } from 'vitest';

/**
 * What the queued-import tests (credentials, EventStream) share: the real server with engagement JOB,
 * an operator and a blue-team reader signed in, and the real worker, which a test starts (imports wait
 * for it) and may stop again.
 */
export interface QueuedImportRig {
  readonly server: TestServer;
  readonly op: ApiClient;
  readonly blue: ApiClient;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  /** The spooled uploads still waiting in DATA_DIR/uploads. */
  uploads(): string[];
  /** A job's task and status, straight from the queue. */
  job(id: unknown): Promise<{ task: string; status: string }>;
}

/** Registers the rig's set-up and tear-down in the calling `describe`. */
export function queuedImportRig(dialect: DialectName): QueuedImportRig {
  let server: TestServer | undefined;
  let op: ApiClient | undefined;
  let blue: ApiClient | undefined;
  let worker: RunningWorker | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The queued-import rig is not set up yet.');
    return value;
  };
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'JOB');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['JOB'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['JOB'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
  });
  afterAll(async () => {
    await worker?.stop(500);
    await server?.stop();
  });
  return {
    get server() {
      return ready(server);
    },
    get op() {
      return ready(op);
    },
    get blue() {
      return ready(blue);
    },
    async startWorker() {
      const s = ready(server);
      worker = await startWorker(s.ctx.env, { ...FAST, context: s.ctx });
    },
    async stopWorker() {
      await worker?.stop(500);
      worker = undefined;
    },
    uploads() {
      const dir = uploadsDir(ready(server).ctx.config.dataDir);
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    },
    job: (id) =>
      ready(server)
        .ctx.database.db.selectFrom('job')
        .select(['task', 'status'])
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow(),
  };
}

/** Posts a raw body as the signed-in client (the import routes read the body as it is). */
export async function postBody<T>(
  c: ApiClient,
  url: string,
  contentType: string,
  body: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(url, c.url), {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, origin: c.url, 'content-type': contentType },
    body,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Reads an import until it has left `queued` and `running`, and answers its final state. */
export function importEnded<S extends { status: string }>(read: () => Promise<S>): Promise<S> {
  return waitFor(async () => {
    const s = await read();
    return s.status === 'queued' || s.status === 'running' ? undefined : s;
  }, 'the import to end');
}
