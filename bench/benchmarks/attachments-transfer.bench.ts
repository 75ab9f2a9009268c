import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { type BenchServer, startBenchServer } from '../lib/app.ts';
import type { BenchEnv, BenchmarkDefinition } from '../lib/types.ts';

const MB = 1024 * 1024;
/** The issue's bound on memory: the server's peak RSS above its idle RSS while a 100 MB file moves. */
const MAX_ABOVE_IDLE = 150 * MB;

interface State {
  server: BenchServer;
  headers: Record<string, string>;
  eventId: number;
  file: string;
  bytes: number;
  /** The attachment the download benchmark reads. */
  attachmentId: number;
  idleRss: number;
  peakRss: number;
  sampler?: NodeJS.Timeout;
  name: string;
}

/** An incompressible file of `mb` MiB, written a MiB at a time (the generator keeps memory flat too). */
async function writeFile(file: string, mb: number): Promise<void> {
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < mb; i++) yield crypto.randomBytes(MB);
      })(),
    ),
    fs.createWriteStream(file),
  );
}

async function setup(env: BenchEnv, name: string): Promise<State> {
  const { createTestUser, login } = await import('@steppingstones/server/testing/index');
  const file = path.join(env.tmpDir, 'evidence.bin');
  await writeFile(file, env.size);
  const server = await startBenchServer(env);
  const { createTestEngagement } = await import('@steppingstones/server/testing/index');
  await createTestEngagement(server.ctx, 'ATTACH');
  await createTestUser(server.ctx, { username: 'bench-root', superuser: true });
  const client = await login(server.baseUrl, 'bench-root');
  const services = {
    db: server.ctx.database.db,
    principal: systemPrincipal(),
    clock: server.ctx.clock,
    keys: server.ctx.keys,
    logger: server.ctx.logger,
  };
  const event = await createEvent(services, systemPrincipal(), {
    engagement: 'ATTACH',
    operator: 'bench-root',
    timestamp: '2026-01-01T00:00:00Z',
    source: { host: 'ws01' },
    target: { host: 'dc01' },
    description: 'Dumped process memory',
  });
  const headers = {
    accept: 'application/json',
    cookie: client.cookie,
    origin: server.baseUrl,
    'x-csrf-token': client.csrfToken,
  };
  const state: State = {
    server,
    headers,
    eventId: event.id,
    file,
    bytes: env.size * MB,
    attachmentId: 0,
    idleRss: 0,
    peakRss: 0,
    name,
  };
  state.attachmentId = await upload(state);
  // Idle: the server started, signed in, one file already through (lazy modules and pools warmed).
  global.gc?.();
  state.idleRss = process.memoryUsage().rss;
  state.peakRss = state.idleRss;
  state.sampler = setInterval(() => {
    state.peakRss = Math.max(state.peakRss, process.memoryUsage().rss);
  }, 5);
  return state;
}

/**
 * `POST /api/v1/events/{id}/attachments/?filename=…` with the file piped from disk as the body and its
 * Content-Length, as `curl --data-binary @file` sends it (node:http: the client's own cost stays small,
 * since it shares this process with the server).
 */
async function upload(state: State): Promise<number> {
  const url = new URL(
    `${state.server.baseUrl}/api/v1/events/${state.eventId}/attachments/?filename=evidence.bin`,
  );
  const req = http.request(url, {
    method: 'POST',
    headers: {
      ...state.headers,
      'content-type': 'application/octet-stream',
      'content-length': String(state.bytes),
    },
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  await pipeline(fs.createReadStream(state.file, { highWaterMark: MB }), req);
  const res = await answered;
  let text = '';
  for await (const chunk of res) text += chunk;
  if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { id: number }).id;
}

/** `GET /api/v1/attachments/{id}/`, read to the end without keeping it. */
async function download(state: State): Promise<void> {
  const res = await fetch(`${state.server.baseUrl}/api/v1/attachments/${state.attachmentId}/`, {
    headers: state.headers,
  });
  let bytes = 0;
  if (res.body) for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  if (res.status !== 200 || bytes !== state.bytes)
    throw new Error(`download answered ${res.status} with ${bytes} of ${state.bytes} bytes`);
}

async function teardown(state: State): Promise<void> {
  clearInterval(state.sampler);
  const above = state.peakRss - state.idleRss;
  const line = `  ${state.name}: peak RSS ${(state.peakRss / MB).toFixed(0)} MB, ${(above / MB).toFixed(0)} MB above the idle server (${(state.idleRss / MB).toFixed(0)} MB); bound ${MAX_ABOVE_IDLE / MB} MB`;
  process.stdout.write(`${line}\n`);
  await state.server.close();
  if (above >= MAX_ABOVE_IDLE) throw new Error(`${line}: over the bound`);
}

const common: Pick<BenchmarkDefinition<State>, 'dataset' | 'dialects' | 'sizes' | 'iterations' | 'unit'> = {
  dataset: 'none',
  dialects: ['sqlite'],
  sizes: { full: [100], quick: [5] },
  iterations: { full: 3, quick: 2 },
  unit: 'MB/s',
};

/**
 * A 100 MB attachment through the real server on SQLite (#21): uploaded (hashed and streamed into 1 MiB
 * chunk rows under a pending row, made visible in one last short transaction) and downloaded (read a
 * chunk at a time). Size is in MB. Besides MB/s, each run prints its peak RSS above the idle server and
 * fails past 150 MB.
 */
const benchmarks: BenchmarkDefinition<State>[] = [
  {
    ...common,
    name: 'attachments-upload',
    description: 'POST /api/v1/events/{id}/attachments/ of an N MB file streamed from disk (SQLite storage)',
    baselineDescription: 'copying the same file on disk (read and write, streamed)',
    target: {
      text: 'a 100 MB attachment uploaded at ≥ 100 MB/s on SQLite, peak memory < 150 MB above the idle server',
      issue: 21,
      metric: 'rate',
      value: 100,
      atSize: 100,
    },
    warmup: 0,
    setup: (env) => setup(env, 'attachments-upload'),
    async baseline(state) {
      const copy = `${state.file}.copy`;
      await pipeline(fs.createReadStream(state.file, { highWaterMark: MB }), fs.createWriteStream(copy));
      fs.rmSync(copy);
      return { bytes: state.bytes };
    },
    async measure(state) {
      await upload(state);
      return { bytes: state.bytes };
    },
    teardown,
  },
  {
    ...common,
    name: 'attachments-download',
    description:
      'GET /api/v1/attachments/{id}/ of an N MB attachment stored in the database, read to the end',
    baselineDescription: 'reading the same file from disk (streamed)',
    target: {
      text: 'a 100 MB attachment downloaded at ≥ 100 MB/s on SQLite, peak memory < 150 MB above the idle server',
      issue: 21,
      metric: 'rate',
      value: 100,
      atSize: 100,
    },
    warmup: 1,
    setup: (env) => setup(env, 'attachments-download'),
    async baseline(state) {
      for await (const _chunk of fs.createReadStream(state.file, { highWaterMark: MB }));
      return { bytes: state.bytes };
    },
    async measure(state) {
      await download(state);
      return { bytes: state.bytes };
    },
    teardown,
  },
];

export default benchmarks;
