import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPluginTestHarness,
  type PluginTestHarness,
  seedCredentialFixtures,
  setBreachChecks,
  taskContext,
  testDialects,
} from '@steppingstones/plugin-testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBreachedPasswords } from './check.ts';
import { NtlmCorpus } from './corpus.ts';
import plugin from './index.ts';

/** The fixture vault's NTLM hashes still unchecked: dave, WS01$, SRV$, the administrators, alice's old one. */
const PENDING = ['44444', '55555', '66666', '99999', 'AAAAA'];
const hash = (c: string) => c.repeat(32).toUpperCase();

describe.each(testDialects())('breach-checks on %s', (dialect) => {
  let h: PluginTestHarness;
  let server: Server;
  let base: string;
  let requests: { prefix: string; padding: string | undefined; mode: string | null }[];
  let answer: (
    prefix: string,
    n: number,
  ) => { status: number; body: string; headers?: Record<string, string> };
  let onServed: (count: number) => void;

  const counts = async () =>
    Object.fromEntries(
      (
        await h.context.database.db
          .selectFrom('credential')
          .select(['hash', 'hibp_count'])
          .where('hash_type', '=', 1000)
          .execute()
      ).map((r) => [r.hash.toUpperCase(), r.hibp_count === null ? null : Number(r.hibp_count)]),
    );
  const run = (env: Record<string, string>, options: { limit?: number; signal?: AbortSignal } = {}) => {
    const slept: number[] = [];
    const ctx = taskContext(h, {
      pluginId: 'breach-checks',
      key: 'check-breached-passwords',
      signal: options.signal,
    });
    return checkBreachedPasswords(ctx, {
      env,
      limit: options.limit ?? 1000,
      sleep: async (ms) => {
        slept.push(ms);
      },
    }).then((result) => ({ result, slept }));
  };

  beforeAll(async () => {
    h = await createPluginTestHarness(plugin, { dialect });
    await seedCredentialFixtures(h);
    server = createServer((req: IncomingMessage, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const prefix = url.pathname.split('/').pop() ?? '';
      requests.push({
        prefix,
        padding: req.headers['add-padding'] as string | undefined,
        mode: url.searchParams.get('mode'),
      });
      const n = requests.filter((r) => r.prefix === prefix).length;
      const a = answer(prefix, n);
      onServed(requests.length);
      res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
      res.end(a.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await h?.dispose();
  });
  beforeEach(async () => {
    requests = [];
    onServed = () => {};
    answer = (prefix) => ({
      status: 200,
      body: `${prefix === '44444' ? `${'4'.repeat(27)}:42\r\n` : ''}${'0'.repeat(27)}:0\r\n${'F'.repeat(27)}:3\r\n`,
    });
    await setBreachChecks(h, h.fixtures.engagement.id, true);
  });
  afterEach(async () => {
    // Back to the fixture's state: the three seeded counts, everything else unchecked.
    await h.context.database.db
      .updateTable('credential')
      .set({ hibp_count: null })
      .where(
        'hash',
        'in',
        PENDING.map((p) => p[0]?.toLowerCase().repeat(32) as string),
      )
      .execute();
  });

  it('does nothing while the engagement has breach checks off', async () => {
    await setBreachChecks(h, h.fixtures.engagement.id, false);
    const { result } = await run({ HIBP_RANGE_URL: base });
    expect(requests).toEqual([]);
    expect(result).toMatchObject({ prefixes: 0, pending: 0 });
  });

  it('asks the range API once per distinct prefix, with padding, backing off after a 429', async () => {
    answer = (prefix, n) =>
      prefix === '99999' && n === 1
        ? { status: 429, body: 'slow down', headers: { 'retry-after': '2' } }
        : {
            status: 200,
            body:
              prefix === '99999'
                ? `${'9'.repeat(27)}:7\n`
                : prefix === '44444'
                  ? `${'4'.repeat(27)}:42\n`
                  : '',
          };
    const { result, slept } = await run({ HIBP_RANGE_URL: base, HIBP_MIN_INTERVAL_MS: '0' });
    // the administrator hash is shared by two accounts: still one request for its prefix
    expect(requests.map((r) => r.prefix)).toEqual(['44444', '55555', '66666', '99999', '99999', 'AAAAA']);
    expect(requests.every((r) => r.padding === 'true' && r.mode === 'ntlm')).toBe(true);
    expect(slept).toContain(2000);
    const after = await counts();
    expect(after[hash('4')]).toBe(42);
    expect(after[hash('9')]).toBe(7);
    expect(after[hash('5')]).toBe(0);
    expect(after[hash('a')]).toBe(0);
    expect(after[hash('1')]).toBe(5000);
    expect(result).toMatchObject({ source: 'range', prefixes: 5, hashes: 5, breached: 2, pending: 0 });
  });

  it('resumes after a restart with the prefixes still pending', async () => {
    const stop = new AbortController();
    onServed = (count) => {
      if (count === 2) stop.abort();
    };
    // stopped while the second request is in flight: the first prefix is stored, the second is not
    const first = await run({ HIBP_RANGE_URL: base, HIBP_MIN_INTERVAL_MS: '0' }, { signal: stop.signal });
    expect(first.result).toMatchObject({ prefixes: 1, pending: 4 });
    onServed = () => {};
    const second = await run({ HIBP_RANGE_URL: base, HIBP_MIN_INTERVAL_MS: '0' });
    expect(second.result).toMatchObject({ prefixes: 4, pending: 0 });
    expect(requests.map((r) => r.prefix)).toEqual(['44444', '55555', ...PENDING.slice(1)]);
    expect((await counts())[hash('4')]).toBe(42);
  });

  it('reads a local NTLM corpus ordered by hash without any request', async () => {
    const lines = [`${hash('4')}:42`, `${hash('9')}:7`, `${hash('0')}:1`, `${hash('2')}:2`, `${hash('f')}:9`];
    for (let i = 0; i < 500; i++)
      lines.push(`${(i * 7919).toString(16).toUpperCase().padStart(32, '3')}:${i + 1}`);
    lines.sort();
    const file = join(tmpdir(), `ntlm-corpus-${process.pid}-${dialect}.txt`);
    await writeFile(file, `${lines.join('\r\n')}\r\n`);
    const corpus = await NtlmCorpus.open(file);
    try {
      expect(await corpus.count(hash('0'))).toBe(1);
      expect(await corpus.count(hash('f'))).toBe(9);
      expect(await corpus.count(hash('9').toLowerCase())).toBe(7);
      expect(await corpus.count(hash('8'))).toBe(0);
    } finally {
      await corpus.close();
    }
    const { result } = await run({ HIBP_NTLM_FILE: file, HIBP_RANGE_URL: base });
    expect(requests).toEqual([]);
    expect(result).toMatchObject({ source: 'corpus', prefixes: 5, breached: 2, pending: 0 });
    const after = await counts();
    expect([after[hash('4')], after[hash('9')], after[hash('6')]]).toEqual([42, 7, 0]);
  });
});
