import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, login } from '../testing/index.ts';
import { openSse } from '../testing/sse-client.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

interface Presence {
  event_id: number;
  username: string;
  display_name: string;
  since: string;
}

/** Who is editing what: an open form's heartbeat, seen by the team, withdrawn on close, gone when silent. */
describe.each(testDialects())('event presence over HTTP on %s', { timeout: 120_000 }, (dialect) => {
  let w: EventWorld;
  let carol: ApiClient;
  let now = Date.parse('2026-03-02T10:00:00Z');
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    // The server's clock, moved by the test: presence expires on it.
    w.server.ctx.clock.now = () => now;
    carol = await login(w.server.url, 'carol');
  });
  afterAll(() => w?.stop());

  const editing = async (c: ApiClient, engagement = 'ACME') =>
    c.get<{ count: number; results: Presence[] }>(`/api/v1/events/presence/?engagement=${engagement}`);
  const mark = (c: ApiClient, id: number) => c.put(`/api/v1/events/${id}/presence/`);
  const withdraw = (c: ApiClient, id: number) => c.del(`/api/v1/events/${id}/presence/`);

  it('shows the team who has which event open, until they close it', async () => {
    const e = await createEvent(w.alice, { description: 'Kerberoasted svc_sql' });
    expect((await mark(w.alice, e.id)).status).toBe(204);
    for (const c of [carol, w.blue, w.limited]) {
      const res = await editing(c);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([expect.objectContaining({ event_id: e.id, username: 'alice' })]);
    }
    // A second heartbeat keeps one entry, opened when the form first opened.
    now += 5_000;
    expect((await mark(w.alice, e.id)).status).toBe(204);
    expect((await editing(carol)).body.results).toEqual([
      expect.objectContaining({ event_id: e.id, since: '2026-03-02T10:00:00.000Z' }),
    ]);
    expect((await withdraw(w.alice, e.id)).status).toBe(204);
    expect((await editing(carol)).body.results).toEqual([]);
  });

  it('pushes a form opening and closing over the live stream to the team, not each heartbeat', async () => {
    const e = await createEvent(w.alice, { description: 'Golden ticket' });
    const streams = await Promise.all(
      [carol, w.blue, w.bob].map((c) => openSse(`${w.server.url}/api/v1/stream/`, { cookie: c.cookie })),
    );
    try {
      for (const s of streams) await s.waitFor((f) => f.event === 'ready');
      const [carolStream, blueStream, bobStream] = streams as [
        (typeof streams)[0],
        (typeof streams)[0],
        (typeof streams)[0],
      ];
      const presence = (s: typeof carolStream) =>
        s.frames
          .filter((f) => f.event === 'change' && JSON.parse(f.data).type === 'presence.changed')
          .map((f) => JSON.parse(f.data).ids)
          // The stream may begin with an earlier test's presence messages (its outbox is still draining).
          .filter((ids: { eventId: number }) => ids.eventId === e.id);
      const frames = (n: number) => (f: { event: string; data: string }) =>
        f.event === 'change' &&
        JSON.parse(f.data).type === 'presence.changed' &&
        presence(carolStream).length >= n;

      expect((await mark(w.alice, e.id)).status).toBe(204);
      await carolStream.waitFor(frames(1));
      now += 10_000;
      expect((await mark(w.alice, e.id)).status).toBe(204);
      expect((await withdraw(w.alice, e.id)).status).toBe(204);
      await carolStream.waitFor(frames(2));
      // Opened, closed: two messages, the heartbeat between them none; ids only, the list is refetched.
      expect(presence(carolStream)).toEqual([{ eventId: e.id }, { eventId: e.id }]);
      await blueStream.waitFor(() => presence(blueStream).length === 2);
      // A form back after going silent past the server's memory is announced again.
      expect((await mark(w.alice, e.id)).status).toBe(204);
      now += 31_000;
      expect((await mark(w.alice, e.id)).status).toBe(204);
      await carolStream.waitFor(frames(4));
      expect((await editing(carol)).body.results).toEqual([
        expect.objectContaining({ event_id: e.id, since: new Date(now).toISOString() }),
      ]);
      expect((await withdraw(w.alice, e.id)).status).toBe(204);
      // Another engagement's member hears nothing of it.
      expect(presence(bobStream)).toEqual([]);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('forgets a form that stopped sending heartbeats (a closed tab)', async () => {
    const e = await createEvent(w.alice, { description: 'Dumped LSASS' });
    expect((await mark(w.alice, e.id)).status).toBe(204);
    now += 29_000;
    expect((await editing(carol)).body.count).toBe(1);
    now += 2_000;
    expect((await editing(carol)).body.count).toBe(0);
  });

  it('refuses the read-only blue team and hides the event from another engagement', async () => {
    const e = await createEvent(w.alice, { description: 'Phished the CFO' });
    expect((await mark(w.blue, e.id)).status).toBe(403);
    expect((await mark(w.limited, e.id)).status).toBe(204);
    expect((await mark(w.bob, e.id)).status).toBe(404);
    // Like every list filter, an engagement the caller is not a member of is a 400 on `engagement`.
    expect((await editing(w.bob)).status).toBe(400);
    expect((await editing(w.bob, 'BETA')).body.results).toEqual([]);
    expect((await withdraw(w.limited, e.id)).status).toBe(204);
  });
});
