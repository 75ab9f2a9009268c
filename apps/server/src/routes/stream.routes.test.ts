import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
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

const event = (engagement: string, description: string) => ({
  engagement,
  timestamp: '2026-06-01T09:30:00Z',
  source: { host: 'WS01' },
  target: { host: 'DC01' },
  description,
});

const isEvent = (type: string, id: number) => (f: { event: string; data: string }) =>
  f.event === 'change' && JSON.parse(f.data).type === type && JSON.parse(f.data).ids.eventId === id;

describe.each(testDialects())('the live stream on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  const streams: SseConnection[] = [];
  const stream = async (cookie: string, headers: Record<string, string> = {}) => {
    const s = await openSse(`${server.url}/api/v1/stream/`, { cookie, ...headers });
    streams.push(s);
    await s.waitFor((f) => f.event === 'ready');
    return s;
  };

  beforeEach(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'RED');
    await createTestEngagement(server.ctx, 'BLUE');
    await createTestUser(server.ctx, {
      username: 'alice',
      groups: ['Red Team Operators'],
      engagements: ['RED'],
    });
    await createTestUser(server.ctx, {
      username: 'bob',
      groups: ['Red Team Operators'],
      engagements: ['RED'],
    });
    await createTestUser(server.ctx, {
      username: 'carol',
      groups: ['Red Team Operators'],
      engagements: ['BLUE'],
    });
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await server.stop();
  });

  it('tells a teammate about a new, changed and deleted event, and nobody outside the engagement', async () => {
    const alice = await login(server.url, 'alice');
    const bob = await login(server.url, 'bob');
    const carol = await login(server.url, 'carol');
    const bobStream = await stream(bob.cookie);
    const carolStream = await stream(carol.cookie);

    const created = await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Phished the CFO'));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const frame = await bobStream.waitFor(isEvent('event.created', id));
    expect(frame.id).toMatch(/^\d+$/);
    expect(frame.data).not.toContain('Phished'); // ids only: clients refetch through the API

    await alice.patch(`/api/v1/events/${id}/`, { detected: 'FUL' });
    await bobStream.waitFor(isEvent('event.updated', id));
    await alice.del(`/api/v1/events/${id}/`);
    await bobStream.waitFor(isEvent('event.deleted', id));

    expect(carolStream.frames.filter((f) => f.event === 'change')).toEqual([]);
  });

  it('replays what a reconnecting client missed from Last-Event-ID', async () => {
    const alice = await login(server.url, 'alice');
    const bob = await login(server.url, 'bob');
    const first = await stream(bob.cookie);
    const a = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'One'))).body.id;
    const seen = await first.waitFor(isEvent('event.created', a));
    first.close();

    const b = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Two'))).body.id;
    const c = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Three'))).body.id;
    const again = await stream(bob.cookie, { 'last-event-id': seen.id! });
    const replayed = again.frames
      .filter((f) => f.event === 'change')
      .map((f) => JSON.parse(f.data).ids.eventId);
    expect(replayed).toEqual([b, c]);
  });

  it('resumes from the later of a tab hand-over position (query) and the browser header', async () => {
    const alice = await login(server.url, 'alice');
    const bob = await login(server.url, 'bob');
    const watcher = await stream(bob.cookie);
    const a = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'One'))).body.id;
    const b = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Two'))).body.id;
    const seenA = await watcher.waitFor(isEvent('event.created', a));
    const seenB = await watcher.waitFor(isEvent('event.created', b));
    const c = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Three'))).body.id;
    // The query carries the position the tab took over at (before A); the browser's reconnect header
    // is newer (after B): only C was missed, A and B must not come again.
    const resumed = await openSse(`${server.url}/api/v1/stream/?last_event_id=${Number(seenA.id) - 1}`, {
      cookie: bob.cookie,
      'last-event-id': seenB.id!,
    });
    streams.push(resumed);
    await resumed.waitFor((f) => f.event === 'ready');
    const replayed = resumed.frames
      .filter((f) => f.event === 'change')
      .map((f) => JSON.parse(f.data).ids.eventId);
    expect(replayed).toEqual([c]);
  });

  it('ends open streams properly when the server shuts down, so browsers reconnect without an error', async () => {
    const bob = await login(server.url, 'bob');
    const s = await stream(bob.cookie);
    await server.app.close();
    await s.ended;
    expect(s.endedCleanly).toBe(true);
    // No `end` frame: that would tell the browser its session is over and stop it reconnecting.
    expect(s.frames.filter((f) => f.event === 'end')).toEqual([]);
  });

  it('carries changes written by another process (the CLI)', async () => {
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    const root = await login(server.url, 'root');
    const s = await stream(root.cookie);
    const cli = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js'),
        'engagement',
        'create',
        '--code',
        'FROM-CLI',
        '--name',
        'From the CLI',
        '--start',
        '2026-01-01',
        '--end',
        '2026-01-31',
      ],
      { env: { ...process.env, ...server.ctx.env }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.stderr).toBe('');
    await s.waitFor((f) => f.event === 'change' && JSON.parse(f.data).type === 'engagement.created');
  });

  it('ends the stream on logout and refuses anonymous callers', async () => {
    const bob = await login(server.url, 'bob');
    const s = await stream(bob.cookie);
    expect((await bob.post('/api/v1/auth/logout/')).status).toBe(204);
    await s.waitFor((f) => f.event === 'end', 15_000);
    await s.ended;
    expect((await fetch(`${server.url}/api/v1/stream/`)).status).toBe(401);
  });

  /** A superuser (user.admin) to deactivate, reset and move people, as an administrator would. */
  const administrator = async () => {
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    return login(server.url, 'root');
  };
  const userId = async (username: string) =>
    Number(
      (
        await server.ctx.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username_key', '=', username)
          .executeTakeFirstOrThrow()
      ).id,
    );

  it('ends the stream with an end frame when an administrator deactivates the user', async () => {
    const root = await administrator();
    const bob = await login(server.url, 'bob');
    const s = await stream(bob.cookie);
    const res = await root.patch(`/api/v1/users/${await userId('bob')}/`, { is_active: false });
    expect(res.status).toBe(200);
    const end = await s.waitFor((f) => f.event === 'end', 15_000);
    expect(JSON.parse(end.data)).toEqual({ reason: 'signed out' });
    await s.ended;
    expect(s.endedCleanly).toBe(true);
    expect((await fetch(`${server.url}/api/v1/stream/`, { headers: { cookie: bob.cookie } })).status).toBe(
      401,
    );
  });

  it('ends the stream with an end frame when the session is revoked (an administrator resets the password)', async () => {
    const root = await administrator();
    const bob = await login(server.url, 'bob');
    const s = await stream(bob.cookie);
    const res = await root.post(`/api/v1/users/${await userId('bob')}/reset-password/`, {
      new_password: 'A-Fresh-Passphrase-2026',
    });
    expect(res.status).toBeLessThan(300);
    await s.waitFor((f) => f.event === 'end', 15_000);
    await s.ended;
    expect(s.endedCleanly).toBe(true);
    expect((await fetch(`${server.url}/api/v1/stream/`, { headers: { cookie: bob.cookie } })).status).toBe(
      401,
    );
  });

  it('sends a user removed from an engagement nothing more about it, while the rest still flows', async () => {
    const root = await administrator();
    const alice = await login(server.url, 'alice');
    const carol = await login(server.url, 'carol');
    // Bob works in both engagements; BLUE carries the marker that shows his stream is still live.
    expect(
      (
        await root.put('/api/v1/engagements/BLUE/members/', {
          members: [
            { username: 'carol', role: 'operator' },
            { username: 'bob', role: 'operator' },
          ],
        })
      ).status,
    ).toBe(200);
    const bob = await login(server.url, 'bob');
    const s = await stream(bob.cookie);
    const before = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'Before'))).body.id;
    await s.waitFor(isEvent('event.created', before));

    const onlyAlice = { members: [{ username: 'alice', role: 'operator' }] };
    expect((await root.put('/api/v1/engagements/RED/members/', onlyAlice)).status).toBe(200);
    // Written right after the removal, well within the stream's periodic re-check.
    const after = (await alice.post<{ id: number }>('/api/v1/events/', event('RED', 'After'))).body.id;
    await alice.patch(`/api/v1/events/${before}/`, { detected: 'FUL' });
    const marker = (await carol.post<{ id: number }>('/api/v1/events/', event('BLUE', 'Marker'))).body.id;
    // Messages go out in outbox order: once the later BLUE marker arrived, the RED ones were passed over.
    await s.waitFor(isEvent('event.created', marker));
    const red = await server.ctx.database.db
      .selectFrom('engagement')
      .select('id')
      .where('code', '=', 'RED')
      .executeTakeFirstOrThrow();
    const aboutRed = s.frames
      .filter((f) => f.event === 'change')
      .map((f) => JSON.parse(f.data))
      .filter((m) => m.engagement_id === Number(red.id));
    expect(aboutRed.map((m) => [m.type, m.ids.eventId])).toEqual([['event.created', before]]);
    expect(aboutRed.some((m) => m.ids.eventId === after)).toBe(false);
    // The stream itself stays open: bob is still signed in.
    expect(s.frames.filter((f) => f.event === 'end')).toEqual([]);
  });
});
