import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login } from '../testing/index.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

interface Revision {
  id: number;
  seq: number;
  action: string;
  actor: string | null;
  diff: Record<string, [unknown, unknown]>;
  snapshot: { description: string };
}
interface Listing<T> {
  count: number;
  results: T[];
}
interface TrashItem {
  id: number;
  engagement: string;
  description: string;
  deleted_by: string | null;
}

/**
 * History, restore, trash and undelete over HTTP, per role: the operator restores and recovers what
 * they deleted, an engagement administrator sees the whole trash and recovers anything, the blue team
 * reads, and another engagement sees nothing.
 */
describe.each(testDialects())('event history over HTTP on %s', { timeout: 120_000 }, (dialect) => {
  let w: EventWorld;
  /** Engagement Lead of ACME (not superuser): holds event.delete and engagement.change there. */
  let lead: ApiClient;
  /** Engagement Lead of BETA only. */
  let otherLead: ApiClient;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    await createTestUser(w.server.ctx, { username: 'lead', role: 'lead', engagements: ['ACME'] });
    await createTestUser(w.server.ctx, { username: 'other-lead', role: 'lead', engagements: ['BETA'] });
    lead = await login(w.server.url, 'lead');
    otherLead = await login(w.server.url, 'other-lead');
  });
  afterAll(() => w?.stop());

  const history = (c: ApiClient, id: number) => c.get<Listing<Revision>>(`/api/v1/events/${id}/history/`);
  const restore = (c: ApiClient, id: number, revision: number) =>
    c.post(`/api/v1/events/${id}/restore/`, { revision });
  const trash = (c: ApiClient, engagement = 'ACME') =>
    c.get<Listing<TrashItem>>(`/api/v1/events/trash/?engagement=${engagement}`);
  const undelete = (c: ApiClient, id: number) => c.post(`/api/v1/events/${id}/undelete/`);

  /** An event with two revisions: created as "Phished the CFO", then edited. */
  async function editedEvent(): Promise<{ id: number; created: Revision }> {
    const e = await createEvent(w.alice, { description: 'Phished the CFO' });
    expect((await w.alice.patch(`/api/v1/events/${e.id}/`, { description: 'Phished the CEO' })).status).toBe(
      200,
    );
    const revisions = (await history(w.alice, e.id)).body.results;
    return { id: e.id, created: revisions.find((r) => r.action === 'create')! };
  }

  it('shows the history to the team and the blue team, newest first, with who and what changed', async () => {
    const { id } = await editedEvent();
    for (const c of [w.alice, w.blue, w.limited, w.admin]) {
      const res = await history(c, id);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => [r.action, r.actor])).toEqual([
        ['update', 'alice'],
        ['create', 'alice'],
      ]);
      expect(res.body.results[0]?.diff).toEqual({ description: ['Phished the CFO', 'Phished the CEO'] });
    }
  });

  it('hides everything from another engagement, whatever its permissions', async () => {
    const { id, created } = await editedEvent();
    for (const c of [w.bob, otherLead]) {
      expect((await history(c, id)).status).toBe(404);
      expect((await restore(c, id, created.id)).status).toBe(404);
    }
    // The trash names its engagement in the query: like every list filter, a code the caller is not a
    // member of is a 400 on `engagement`, worded exactly as for a code that does not exist.
    const foreign = await trash(otherLead);
    expect(foreign.status).toBe(400);
    const unknown = await trash(otherLead, 'NO-SUCH');
    expect(JSON.stringify(foreign.body).replaceAll('ACME', 'NO-SUCH')).toBe(JSON.stringify(unknown.body));
    expect((await w.alice.del(`/api/v1/events/${id}/`)).status).toBe(204);
    expect((await undelete(otherLead, id)).status).toBe(404);
    // Nothing changed by those attempts: the event is still in ACME's trash.
    expect((await trash(lead)).body.results.map((t) => t.id)).toContain(id);
    expect((await undelete(lead, id)).status).toBe(204);
  });

  it('refuses restore, trash and undelete to the read-only blue team (403) and changes nothing', async () => {
    const { id, created } = await editedEvent();
    for (const c of [w.blue, w.limited]) {
      const refused = await restore(c, id, created.id);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toContain('event.change');
      expect((await trash(c)).status).toBe(403);
    }
    expect((await w.alice.del(`/api/v1/events/${id}/`)).status).toBe(204);
    for (const c of [w.blue, w.limited]) expect((await undelete(c, id)).status).toBe(403);
    expect((await trash(lead)).body.results.map((t) => t.id)).toContain(id);
    expect((await undelete(lead, id)).status).toBe(204);
    expect((await w.blue.get<EventDto>(`/api/v1/events/${id}/`)).body.description).toBe('Phished the CEO');
  });

  it('lets the operator restore an earlier version, recorded as a new revision', async () => {
    const { id, created } = await editedEvent();
    expect((await restore(w.alice, id, created.id)).status).toBe(204);
    expect((await w.blue.get<EventDto>(`/api/v1/events/${id}/`)).body.description).toBe('Phished the CFO');
    const res = await history(w.alice, id);
    expect(res.body.results.map((r) => r.action)).toEqual(['restore', 'update', 'create']);
    expect(res.body.results[0]?.diff).toEqual({ description: ['Phished the CEO', 'Phished the CFO'] });
    // A revision of another event is not a way to overwrite this one.
    const other = await editedEvent();
    expect((await restore(w.alice, id, other.created.id)).status).toBe(404);
  });

  it('gives an operator their own deletions back (Undo), and nobody else’s', async () => {
    const own = await createEvent(w.alice, { description: 'Deleted by mistake' });
    const others = await createEvent(w.alice, { description: 'Deleted by carol' });
    const carol = await login(w.server.url, 'carol');
    expect((await w.alice.del(`/api/v1/events/${own.id}/`)).status).toBe(204);
    expect((await carol.del(`/api/v1/events/${others.id}/`)).status).toBe(204);

    const listed = await trash(w.alice);
    expect(listed.status).toBe(200);
    const ids = listed.body.results.map((t) => t.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(others.id);

    const refused = await undelete(w.alice, others.id);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('engagement.change');
    expect((await undelete(w.alice, own.id)).status).toBe(204);
    expect((await w.alice.get<EventDto>(`/api/v1/events/${own.id}/`)).body.description).toBe(
      'Deleted by mistake',
    );
    // Carol recovers her own; the blue team has no trash at all.
    expect((await undelete(carol, others.id)).status).toBe(204);
    expect((await trash(w.blue)).status).toBe(403);
  });

  it('keeps the whole trash for engagement administrators: the operator deletes, the lead lists and recovers', async () => {
    const { id, created } = await editedEvent();
    expect((await w.alice.del(`/api/v1/events/${id}/`)).status).toBe(204);
    expect((await w.alice.get(`/api/v1/events/${id}/`)).status).toBe(404);
    // Restoring a revision is no back door into the trash; the deleted event's history is the trash's.
    expect((await restore(w.alice, id, created.id)).status).toBe(404);
    expect((await history(w.alice, id)).status).toBe(404);

    const listed = await trash(lead);
    expect(listed.status).toBe(200);
    const item = listed.body.results.find((t) => t.id === id);
    expect(item).toMatchObject({ engagement: 'ACME', description: 'Phished the CEO', deleted_by: 'alice' });
    expect((await history(lead, id)).body.results[0]?.action).toBe('delete');

    expect((await undelete(lead, id)).status).toBe(204);
    expect((await w.alice.get<EventDto>(`/api/v1/events/${id}/`)).body.description).toBe('Phished the CEO');
    expect((await trash(lead)).body.results.map((t) => t.id)).not.toContain(id);
    expect((await history(w.alice, id)).body.results.map((r) => [r.action, r.actor])).toEqual([
      ['undelete', 'lead'],
      ['delete', 'alice'],
      ['update', 'alice'],
      ['create', 'alice'],
    ]);
    // Recovering twice: the event is no longer in the trash.
    expect((await undelete(lead, id)).status).toBe(404);
  });
});
