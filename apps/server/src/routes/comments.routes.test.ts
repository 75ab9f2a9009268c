import { type FixedClock, fixedClock } from '@steppingstones/core';
import { createWebhook, fanOutWebhooks } from '@steppingstones/core/webhooks';
import { testDialects } from '@steppingstones/db/testing';
import { COMMENT_MAX_CHARS, type CommentDto, type MentionableDto } from '@steppingstones/shared/comments';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';
import { openSse } from '../testing/sse-client.ts';
import { createEvent, type ErrorBody, PLANTED_EVIDENCE, PLANTED_HASH } from './events.fixture.ts';

const M = '«redacted»';
type Thread = { count: number; results: CommentDto[]; members: MentionableDto[] };

/**
 * The conversation on an event: who speaks and is labelled which side, what the blue team never
 * sees (red team only comments, secrets), the author's 15-minute edit window on the server's clock,
 * deletion kept in history, mentions, the live stream, the webhook and the grid's count and filter.
 */
describe.each(testDialects())('comments on events on %s', { timeout: 300_000 }, (dialect) => {
  let server: TestServer;
  let clock: FixedClock;
  let alice: ApiClient; // operator
  let carol: ApiClient; // operator
  let lead: ApiClient;
  let blue: ApiClient; // blue team, read only
  let limited: ApiClient; // blue team, limited write
  let outsider: ApiClient; // operator of another engagement

  beforeAll(async () => {
    clock = fixedClock('2026-03-02T10:00:00Z');
    server = await startTestServer(dialect, { clock });
    await createTestEngagement(server.ctx, 'ACME');
    await createTestEngagement(server.ctx, 'BETA');
    const users: Array<[string, string, string]> = [
      ['alice', 'operator', 'ACME'],
      ['carol', 'operator', 'ACME'],
      ['lead', 'lead', 'ACME'],
      ['blue', 'blue-read-only', 'ACME'],
      ['limited', 'blue-limited-write', 'ACME'],
      ['outsider', 'operator', 'BETA'],
    ];
    for (const [username, role, code] of users)
      await createTestUser(server.ctx, { username, role, engagements: [code] });
    const clients = await Promise.all(users.map(([name]) => login(server.url, name)));
    [alice, carol, lead, blue, limited, outsider] = clients as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
  }, 300_000);
  afterAll(() => server?.stop());

  const thread = async (c: ApiClient, eventId: number) =>
    (await c.get<Thread>(`/api/v1/events/${eventId}/comments/`)).body;
  const post = (c: ApiClient, eventId: number, body: unknown) =>
    c.post<CommentDto & ErrorBody>(`/api/v1/events/${eventId}/comments/`, body);

  it('lets both sides speak, labels each side, and keeps red team only comments from the blue team', async () => {
    const e = await createEvent(alice, { description: 'Kerberoasted svc_sql' });
    const red = await post(alice, e.id, { body: 'Roasted at 10:41 from WS01' });
    expect(red.status).toBe(201);
    expect(red.body).toMatchObject({ author: 'alice', side: 'red', red_team_only: false, can_edit: true });
    const hidden = await post(alice, e.id, { body: 'They have not noticed yet', red_team_only: true });
    expect(hidden.status).toBe(201);
    const said = await post(blue, e.id, { body: 'We saw this at 10:42 in the EDR console' });
    expect(said.status).toBe(201);
    expect(said.body).toMatchObject({ author: 'blue', side: 'blue' });
    expect((await post(limited, e.id, { body: 'Ticket INC-42 raised' })).body.side).toBe('blue');

    const seenByRed = await thread(carol, e.id);
    expect(seenByRed.results.map((c) => [c.author, c.side, c.red_team_only])).toEqual([
      ['alice', 'red', false],
      ['alice', 'red', true],
      ['blue', 'blue', false],
      ['limited', 'blue', false],
    ]);
    expect(seenByRed.members.map((m) => [m.username, m.side])).toContainEqual(['blue', 'blue']);
    for (const c of [blue, limited]) {
      const seen = await thread(c, e.id);
      expect(seen.results.map((x) => x.body)).toEqual([
        'Roasted at 10:41 from WS01',
        'We saw this at 10:42 in the EDR console',
        'Ticket INC-42 raised',
      ]);
      // Nor can it be addressed: the blue team is told it does not exist.
      expect((await c.patch(`/api/v1/comments/${hidden.body.id}/`, { body: 'x' })).status).toBe(404);
      expect((await c.del(`/api/v1/comments/${hidden.body.id}/`)).status).toBe(404);
    }

    // The grid counts what each reader may see, and filters on the blue team's comments.
    const row = async (c: ApiClient, query = '') =>
      (await c.get<{ results: EventDto[] }>(`/api/v1/events/?engagement=ACME${query}`)).body.results;
    expect((await row(carol)).find((r) => r.id === e.id)?.comment_count).toBe(4);
    expect((await row(blue)).find((r) => r.id === e.id)?.comment_count).toBe(3);
    const quiet = await createEvent(alice, { description: 'Nothing said here' });
    await post(alice, quiet.id, { body: 'Only the red team spoke' });
    for (const c of [carol, blue]) {
      const withBlue = (await row(c, '&blue_comments=true')).map((r) => r.id);
      expect(withBlue).toContain(e.id);
      expect(withBlue).not.toContain(quiet.id);
      expect((await row(c, '&blue_comments=false')).map((r) => r.id)).toContain(quiet.id);
    }

    // Another engagement's members see nothing of it.
    expect((await outsider.get(`/api/v1/events/${e.id}/comments/`)).status).toBe(404);
    expect((await post(outsider, e.id, { body: 'hi' })).status).toBe(404);
  });

  it('refuses the blue team marking a comment red team only, empty and oversized bodies, naming the field', async () => {
    const e = await createEvent(alice);
    const marked = await post(limited, e.id, { body: 'hush', red_team_only: true });
    expect(marked.status).toBe(400);
    expect(marked.body.message).toMatch(/^red_team_only: only the red team/);
    for (const body of [{ body: '' }, { body: '   \n ' }, {}]) {
      const res = await post(alice, e.id, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^body: /);
    }
    const long = await post(alice, e.id, { body: 'x'.repeat(COMMENT_MAX_CHARS + 1) });
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('body: must be at most 20,000 characters');
    expect((await post(alice, e.id, { body: 'x'.repeat(COMMENT_MAX_CHARS) })).status).toBe(201);
    // HTML is stored as typed and rendered as text by the web; the API never turns it into markup.
    const html = await post(alice, e.id, { body: '<script>alert(1)</script> **bold**' });
    expect(html.body.body).toBe('<script>alert(1)</script> **bold**');
  });

  it('lets the author edit within 15 minutes only, and keeps every earlier text for the lead', async () => {
    const e = await createEvent(alice);
    const c = (await post(alice, e.id, { body: 'first words' })).body;
    clock.advance(14 * 60_000);
    expect((await carol.patch<ErrorBody>(`/api/v1/comments/${c.id}/`, { body: 'mine now' })).status).toBe(
      403,
    );
    const edited = await alice.patch<CommentDto>(`/api/v1/comments/${c.id}/`, { body: 'second words' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'second words', edited_at: '2026-03-02T10:14:00.000Z' });
    clock.advance(2 * 60_000);
    const late = await alice.patch<ErrorBody>(`/api/v1/comments/${c.id}/`, { body: 'third words' });
    expect(late.status).toBe(403);
    expect(late.body.message).toContain('within 15 minutes');
    expect((await thread(alice, e.id)).results[0]).toMatchObject({ body: 'second words', can_edit: false });
    // The operators see no history; the lead sees each earlier text.
    expect((await thread(alice, e.id)).results[0]?.history).toBeUndefined();
    expect((await thread(lead, e.id)).results[0]?.history).toEqual([
      expect.objectContaining({ action: 'edit', body: 'first words', by: 'alice' }),
    ]);
  });

  it('deletes own comments (the lead anyone’s); a deleted comment stays in the thread as deleted', async () => {
    const e = await createEvent(alice);
    const mine = (await post(alice, e.id, { body: 'delete me' })).body;
    const theirs = (await post(blue, e.id, { body: 'blue words' })).body;
    const other = (await post(carol, e.id, { body: 'carol words' })).body;
    expect((await alice.del<ErrorBody>(`/api/v1/comments/${other.id}/`)).status).toBe(403);
    expect((await blue.del(`/api/v1/comments/${mine.id}/`)).status).toBe(403);
    expect((await alice.del(`/api/v1/comments/${mine.id}/`)).status).toBe(204);
    expect((await lead.del(`/api/v1/comments/${theirs.id}/`)).status).toBe(204);
    expect((await alice.del(`/api/v1/comments/${mine.id}/`)).status).toBe(403);
    const seen = (await thread(blue, e.id)).results;
    expect(seen.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [true, ''],
      [false, 'carol words'],
    ]);
    const byLead = (await thread(lead, e.id)).results;
    expect(byLead[1]?.history).toEqual([expect.objectContaining({ action: 'delete', body: 'blue words' })]);
    const counted = (await alice.get<{ results: EventDto[] }>('/api/v1/events/?engagement=ACME')).body;
    expect(counted.results.find((r) => r.id === e.id)?.comment_count).toBe(1);
  });

  it('masks secrets for the blue team and puts them back when a blue author saves through the mask', async () => {
    const e = await createEvent(alice);
    const line = `EDR alert: lsass read\n${PLANTED_EVIDENCE}`;
    const pasted = await post(alice, e.id, { body: `Dumped NTLM ${PLANTED_HASH}` });
    expect((await thread(blue, e.id)).results[0]?.body).toBe(`Dumped NTLM ${M}`);
    expect((await thread(carol, e.id)).results[0]?.body).toBe(`Dumped NTLM ${PLANTED_HASH}`);
    expect(pasted.status).toBe(201);
    const own = (await post(limited, e.id, { body: `NTLM ${line}` })).body;
    expect(own.body).toContain(M);
    expect(own.body).not.toContain(PLANTED_HASH);
    const saved = await limited.patch<CommentDto>(`/api/v1/comments/${own.id}/`, {
      body: `${own.body} (confirmed)`,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.body).toBe(`${own.body} (confirmed)`);
    const stored = (await thread(carol, e.id)).results.find((c) => c.id === own.id);
    expect(stored?.body).toBe(`NTLM ${line} (confirmed)`);
  });

  it('resolves @mentions of engagement members only and names them in the webhook message', async () => {
    // Only what is said from now on reaches the new webhook.
    clock.advance(60_000);
    const hook = await createWebhook(server.ctx.services(), {
      url: 'https://hooks.example.com/comments',
      types: ['comment created'],
    });
    const e = await createEvent(alice, { description: 'Lateral movement to FS01' });
    const c = await post(blue, e.id, {
      body: `@alice @Carol. see this; @outsider and @nobody are no members; mail bob@corp.example NTLM ${PLANTED_HASH}`,
    });
    expect(c.body.mentions).toEqual(['alice', 'carol']);
    await post(alice, e.id, { body: 'our secret plan @lead', red_team_only: true });
    clock.advance(60_000);
    await fanOutWebhooks(server.ctx.services());
    const jobs = await server.ctx.database.db.selectFrom('job').select('payload').orderBy('id').execute();
    const bodies = jobs
      .map((j) => JSON.parse(j.payload) as { webhookId: number; body: string })
      .filter((j) => j.webhookId === hook.id)
      .map((j) => JSON.parse(j.body) as Record<string, unknown>);
    expect(bodies.map((b) => b.message)).toEqual([
      `blue (blue team) commented on event ${e.id} in Engagement ACME, mentioning @alice, @carol: @alice @Carol. see this; @outsider and @nobody are no members; mail bob@corp.example NTLM ${M}`,
      `alice (red team) commented on event ${e.id} in Engagement ACME, mentioning @lead (red team only)`,
    ]);
    expect(bodies[0]).toMatchObject({
      type: 'comment created',
      event_id: e.id,
      comment_id: c.body.id,
      side: 'blue',
      mentions: ['alice', 'carol'],
      red_team_only: false,
    });
  });

  it('streams new comments live to everyone viewing, never a red team only one to the blue team', async () => {
    const e = await createEvent(alice);
    const [redStream, blueStream] = await Promise.all([
      openSse(`${server.url}/api/v1/stream/`, { cookie: carol.cookie }),
      openSse(`${server.url}/api/v1/stream/`, { cookie: blue.cookie }),
    ]);
    try {
      for (const s of [redStream, blueStream]) await s.waitFor((f) => f.event === 'ready');
      const hidden = (await post(alice, e.id, { body: 'red only', red_team_only: true })).body;
      const open = (await post(limited, e.id, { body: 'blue sees this' })).body;
      const commentFrames = (s: typeof redStream) =>
        s.frames
          .filter((f) => f.event === 'change' && JSON.parse(f.data).type.startsWith('comment.'))
          .map((f) => JSON.parse(f.data).ids as { eventId: number; commentId: number })
          // The stream may start a little before this test's event (earlier tests' comments).
          .filter((ids) => ids.eventId === e.id);
      const got = (id: number) => (f: { event: string; data: string }) =>
        f.event === 'change' && JSON.parse(f.data).ids?.commentId === id;
      await redStream.waitFor(got(open.id));
      await blueStream.waitFor(got(open.id));
      expect(commentFrames(redStream).map((i) => i.commentId)).toEqual([hidden.id, open.id]);
      // Outbox order: had the hidden one been sent to the blue team, it would have come first.
      expect(commentFrames(blueStream).map((i) => i.commentId)).toEqual([open.id]);
      expect(commentFrames(blueStream)[0]?.eventId).toBe(e.id);
      // Nor did any other red-team-only comment (earlier tests' included) reach the blue team.
      const flagged = (f: { event: string; data: string }) =>
        f.event === 'change' && JSON.parse(f.data).ids?.redTeamOnly === true;
      expect(blueStream.frames.filter(flagged)).toEqual([]);
      expect(redStream.frames.filter(flagged).length).toBeGreaterThan(0);
    } finally {
      redStream.close();
      blueStream.close();
    }
  });
});
