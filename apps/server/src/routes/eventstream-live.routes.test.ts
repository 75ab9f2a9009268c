import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSse, type SseConnection } from '../testing/sse-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const LINES = [
  '{"ts": "2026-06-01T09:30:00Z", "s": {"h": "kali"}, "e": "nmap -sV 10.0.0.0/24"}',
  '{"ts": "2026-06-01T09:31:00Z", "s": {"h": "kali"}, "e": "whoami /all"}',
].join('\n');

/**
 * An EventStream import reaches the browsers of the engagement's members who may see its lines (the
 * page refetches on it instead of polling); the blue team, who may read events but not the imported
 * lines, and members of other engagements hear nothing.
 */
describe.each(testDialects())(
  'EventStream imports on the live stream on %s',
  { timeout: 120_000 },
  (dialect) => {
    let server: TestServer;
    const streams: SseConnection[] = [];
    const stream = async (cookie: string) => {
      const s = await openSse(`${server.url}/api/v1/stream/`, { cookie });
      streams.push(s);
      await s.waitFor((f) => f.event === 'ready');
      return s;
    };

    beforeEach(async () => {
      server = await startTestServer(dialect);
      await createTestEngagement(server.ctx, 'RED');
      await createTestEngagement(server.ctx, 'ELSE');
      for (const [username, role, engagement] of [
        ['alice', 'operator', 'RED'],
        ['bob', 'operator', 'RED'],
        ['blue', 'blue-read-only', 'RED'],
        ['carol', 'operator', 'ELSE'],
      ] as const)
        await createTestUser(server.ctx, { username, role, engagements: [engagement] });
    });
    afterEach(async () => {
      for (const s of streams.splice(0)) s.close();
      await server.stop();
    });

    it('tells teammates who may see the lines, and nobody else', async () => {
      const alice = await login(server.url, 'alice');
      const bobStream = await stream((await login(server.url, 'bob')).cookie);
      const blueStream = await stream((await login(server.url, 'blue')).cookie);
      const carolStream = await stream((await login(server.url, 'carol')).cookie);

      const res = await fetch(`${server.url}/api/v1/eventstream/imports/?engagement=RED`, {
        method: 'POST',
        headers: {
          cookie: alice.cookie,
          origin: server.url,
          'x-csrf-token': alice.csrfToken,
          'content-type': 'application/x-ndjson',
        },
        body: LINES,
      });
      expect(await res.json()).toEqual({ added: 2, duplicates: 0, rejected: [] });
      const frame = await bobStream.waitFor(
        (f) => f.event === 'change' && JSON.parse(f.data).type === 'eventstream.imported',
      );
      expect(JSON.parse(frame.data)).toMatchObject({ type: 'eventstream.imported', ids: { added: 2 } });
      expect(frame.data).not.toContain('nmap'); // counts and ids only: the page refetches

      // A later event change reaches the blue team: had the import reached them, it would be before it.
      const created = await alice.post<{ id: number }>('/api/v1/events/', {
        engagement: 'RED',
        timestamp: '2026-06-01T10:00:00Z',
        source: { host: 'kali' },
        target: { host: 'DC01' },
        description: 'Scanned the network',
      });
      expect(created.status).toBe(201);
      await blueStream.waitFor((f) => f.event === 'change' && JSON.parse(f.data).type === 'event.created');
      const blueTypes = blueStream.frames
        .filter((f) => f.event === 'change')
        .map((f) => JSON.parse(f.data).type);
      expect(blueTypes).not.toContain('eventstream.imported');
      expect(carolStream.frames.filter((f) => f.event === 'change')).toEqual([]);
    });
  },
);
