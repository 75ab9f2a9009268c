// Streamed reports through the real server and its worker threads: a report that streams arrives in
// pieces with the bytes a complete one would have; a slow client slows the render down instead of
// piling it up; a client that goes away cancels it; a failure after the first piece breaks the
// download off rather than ending it short as if it were complete.
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { seedPluginFixtures } from '@steppingstones/core/plugins/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

const PLUGIN = path.resolve(
  import.meta.dirname,
  '../../../../packages/core/src/plugins/testing/fixture-plugins/streaming.ts',
);

describe.each(testDialects())('streamed reports on %s', { timeout: 180_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let progressFile: string;
  const url = (key: string, query = '') =>
    new URL(`/api/v1/reports/test-streams/${key}/?engagement=TEST-1${query}`, server.url);
  const get = (key: string, query = '') => fetch(url(key, query), { headers: { cookie: op.cookie } });
  const progress = () => (fs.existsSync(progressFile) ? fs.readFileSync(progressFile, 'utf8') : '');
  const pieces = () => Number(/pieces (\d+)/.exec(progress())?.[1] ?? 0);

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-streams-'));
    progressFile = path.join(dir, 'progress.txt');
    const list = path.join(dir, 'steppingstones.plugins.json');
    fs.writeFileSync(list, JSON.stringify({ plugins: [{ package: PLUGIN, config: { progressFile } }] }));
    process.env.STEPPINGSTONES_PLUGINS_FILE = list;
    server = await startTestServer(dialect);
    await seedPluginFixtures(server.ctx, 'TEST-1');
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['TEST-1'],
    });
    op = await login(server.url, 'op');
  });
  afterAll(async () => {
    delete process.env.STEPPINGSTONES_PLUGINS_FILE;
    await server.stop();
  });

  it('sends a streamed report in pieces, with exactly the text it yields', async () => {
    const res = await get('lines', '&count=200000');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const expected = Array.from({ length: 200_000 }, (_, i) => `line ${i + 1}\n`).join('');
    expect(await res.text()).toBe(expected);
    const empty = await get('lines', '&count=0');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
  });

  it('streams HTML read page by page, escaped, in report order, as a whole document', async () => {
    const res = await get('event-table');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const html = await res.text();
    expect(
      html.startsWith('<!doctype html><html><head><meta charset="utf-8"><title>event-table</title>'),
    ).toBe(true);
    expect(html.endsWith('</tbody></table></body></html>')).toBe(true);
    const order = ['Sent phishing email', 'DCSync of the krbtgt', 'Lateral movement over SMB', 'Port scan'];
    const at = order.map((text) => html.indexOf(text));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('streams files made of text and bytes', async () => {
    const res = await get('bytes');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="pieces.bin"');
    expect(await res.text()).toBe('text, bytes');
  });

  it('answers a failure before the first piece with the report error', async () => {
    const res = await get('fails-first');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { message: string }).message).toBe(
      'The report "Fails before its first piece" (plugin test-streams) failed: no pieces today',
    );
    const bad = await get('bad-piece');
    expect(bad.status).toBe(502);
    expect(((await bad.json()) as { message: string }).message).toContain(
      'streamed a number where text was expected',
    );
  });

  it('breaks the download off when the report fails or passes its deadline after its first piece', async () => {
    const failing = await get('fails-midway');
    expect(failing.status).toBe(200);
    await expect(failing.arrayBuffer()).rejects.toThrow();
    const late = await get('trickles');
    expect(late.status).toBe(200);
    await expect(late.arrayBuffer()).rejects.toThrow();
    // The thread that passed its deadline was replaced: reports keep working.
    expect(await (await get('lines')).text()).toBe('line 1\nline 2\nline 3\n');
  });

  it('renders only as fast as the client reads, and stops the render when the client goes away', async () => {
    // The server's end of the connection, to see when the response is blocked on the client.
    const sockets: net.Socket[] = [];
    const onConnection = (socket: net.Socket) => sockets.push(socket);
    server.app.server.on('connection', onConnection);
    // A connection of its own (node:http, no pool), closed by destroying it as a browser tab would.
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(url('endless'), { headers: { cookie: op.cookie }, agent: false }, resolve).on('error', reject),
    );
    server.app.server.off('connection', onConnection);
    try {
      expect(res.statusCode).toBe(200);
      const body = res[Symbol.asyncIterator]();
      await body.next();
      // The client reads nothing more. Once the buffers on the way are full, the server's socket
      // waits for the client (and grants the render no more credits): the render is held there.
      await vi.waitFor(() => expect(sockets.some((s) => s.writableNeedDrain)).toBe(true), {
        timeout: 60_000,
        interval: 50,
      });
      const held = pieces();
      expect(held).toBeGreaterThan(0);
      expect(held).toBeLessThan(500); // 32 MB: an unbounded render would run on to the thread's memory limit
      // Reading again lets it go on.
      let read = 0;
      while (read < 20 * 1024 * 1024) read += ((await body.next()).value as Buffer).byteLength;
      expect(pieces()).toBeGreaterThan(held);
    } finally {
      // Going away cancels it: its signal aborts and its stream is closed (its finally blocks run).
      res.destroy();
    }
    await expect.poll(progress, { timeout: 30_000, interval: 100 }).toMatch(/closed aborted$/);
    expect(await (await get('lines')).text()).toBe('line 1\nline 2\nline 3\n');
  });
});

describe.each(testDialects())('a streamed download at shutdown on %s', { timeout: 120_000 }, (dialect) => {
  it('ends the download so the server stops, instead of waiting for the report to finish', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-streams-'));
    const list = path.join(dir, 'steppingstones.plugins.json');
    const progressFile = path.join(dir, 'progress.txt');
    fs.writeFileSync(list, JSON.stringify({ plugins: [{ package: PLUGIN, config: { progressFile } }] }));
    process.env.STEPPINGSTONES_PLUGINS_FILE = list;
    const server = await startTestServer(dialect);
    let stopped = false;
    try {
      await seedPluginFixtures(server.ctx, 'TEST-1');
      await createTestUser(server.ctx, {
        username: 'op',
        groups: ['Red Team Operators'],
        engagements: ['TEST-1'],
      });
      const op = await login(server.url, 'op');
      const url = new URL('/api/v1/reports/test-streams/endless/?engagement=TEST-1', server.url);
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(url, { headers: { cookie: op.cookie }, agent: false }, resolve).on('error', reject),
      );
      expect(res.statusCode).toBe(200);
      const body = res[Symbol.asyncIterator]();
      await body.next();
      // The report never ends by itself (until its deadline); the server stops all the same.
      await server.stop();
      stopped = true;
      // The client sees the download broken off, not ended as if complete.
      await expect(
        (async () => {
          for (;;) if ((await body.next()).done) return 'ended';
        })(),
      ).rejects.toThrow();
    } finally {
      delete process.env.STEPPINGSTONES_PLUGINS_FILE;
      if (!stopped) await server.stop();
    }
  });
});
