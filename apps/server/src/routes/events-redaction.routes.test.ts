import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, bearer, createTestUser, login } from '../testing/index.ts';
import {
  createEvent,
  type EventWorld,
  type Page,
  PLANTED_EVIDENCE,
  PLANTED_HASH,
  startEventWorld,
} from './events.fixture.ts';

/** Another NT hash: replacing the planted one with it is a change that lies wholly inside a mask. */
const OTHER_HASH = 'c4b0e1b10c7ce2c4723b4e2407ef81a2';

interface Revision {
  action: string;
  diff: Record<string, [unknown, unknown]>;
  snapshot: EventDto & { files: Array<{ description: string | null; location: string | null }> };
}
interface TrashItem {
  id: number;
  description: string;
}

/** Every response a blue team user can get from the event log: a planted hash appears in none. */
describe.each(testDialects())('redaction of the event log for the blue team on %s', (dialect) => {
  let w: EventWorld;
  let id: number;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    id = (
      await createEvent(w.alice, {
        description: `secretsdump gave ${PLANTED_EVIDENCE}`,
        raw_evidence: `[*] Dumping local SAM hashes\n${PLANTED_EVIDENCE}\nGuest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::`,
        outcome: `password: Winter2026!`,
        files: [
          { filename: 'sam.save', description: PLANTED_EVIDENCE, location: `C:\\loot\\${PLANTED_EVIDENCE}` },
        ],
        tags: ['creds'],
      })
    ).id;
  });
  afterAll(() => w?.stop());

  const leaks = (body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return text.includes(PLANTED_HASH) || text.includes(OTHER_HASH) || text.includes('Winter2026!');
  };

  it('shows the operator everything', async () => {
    const res = await w.alice.get<EventDto>(`/api/v1/events/${id}/`);
    expect(res.body.raw_evidence).toContain(PLANTED_HASH);
    expect(res.body.outcome).toContain('Winter2026!');
    expect(
      (await w.alice.get<Page>(`/api/v1/events/?search=${PLANTED_HASH}`)).body.results.map((e) => e.id),
    ).toEqual([id]);
  });

  it.each(['blue', 'limited'] as const)('masks every event output for %s', async (who) => {
    const c: ApiClient = w[who];
    const one = await c.get<EventDto>(`/api/v1/events/${id}/`);
    expect(one.status).toBe(200);
    expect(leaks(one.body)).toBe(false);
    expect(one.body.raw_evidence).toContain('Dumping local SAM hashes');
    expect(one.body.raw_evidence).toContain('«redacted»');
    const list = await c.get<Page>('/api/v1/events/?engagement=ACME');
    expect(list.body.results.map((e) => e.id)).toEqual([id]);
    expect(leaks(list.body)).toBe(false);
    for (const q of [PLANTED_HASH, 'winter2026', 'aad3b435b51404eeaad3b435b51404ee']) {
      const found = await c.get<Page>(`/api/v1/events/?engagement=ACME&search=${q}`);
      expect(found.body.results, q).toEqual([]);
    }
    // Words outside the secrets are still found.
    expect((await c.get<Page>('/api/v1/events/?search=secretsdump')).body.results).toHaveLength(1);
    const files = await c.get<{ results: unknown[] }>('/api/v1/files/?engagement=ACME');
    expect(files.body.results).toHaveLength(1);
    expect(leaks(files.body)).toBe(false);
    expect(
      (await c.get<{ results: unknown[] }>(`/api/v1/files/?search=${PLANTED_HASH}`)).body.results,
    ).toEqual([]);
    const csv = await c.get<string>('/api/v1/files/?engagement=ACME&format=csv');
    expect(csv.body).toContain('sam.save');
    expect(leaks(csv.body)).toBe(false);
    const known = await c.get('/api/v1/files/known/?engagement=ACME');
    expect(leaks(known.body)).toBe(false);
  });

  it('masks the limited edit response and the current record of a 409', async () => {
    const res = await w.limited.patch<EventDto>(`/api/v1/events/${id}/limited/`, { detected: 'PAR' });
    expect(res.status).toBe(200);
    expect(leaks(res.body)).toBe(false);
    const stale = await w.limited.patch(
      `/api/v1/events/${id}/limited/`,
      { detected: 'FUL' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(leaks(stale.body)).toBe(false);
    // The stored evidence is untouched by the blue team's edit.
    expect((await w.alice.get<EventDto>(`/api/v1/events/${id}/`)).body.raw_evidence).toContain(PLANTED_HASH);
  });

  describe('history and trash', () => {
    let secretId: number;
    /** Holds the trash codes (event.delete, engagement.change) but not credential.view. */
    let clientAdmin: ApiClient;
    beforeAll(async () => {
      // No role holds the trash codes without credential.view: a lead's token scoped to them does.
      await createTestUser(w.server.ctx, { username: 'client-admin', role: 'lead', engagements: ['ACME'] });
      const scoped = await (await login(w.server.url, 'client-admin')).post<{ token: string }>(
        '/api/v1/tokens/',
        {
          name: 'trash without credentials',
          permissions: ['event.view', 'event.delete', 'engagement.change'],
        },
      );
      clientAdmin = bearer(w.server.url, scoped.body.token);
      // Secrets arrive in an edit (so they sit in a diff as well as a snapshot), in every field the
      // grid masks; then only the hash is swapped for another.
      const e = await createEvent(w.alice, {
        description: 'Dumped the domain controller',
        files: [{ filename: 'ntds.dit', description: 'A copy', location: 'C:\\loot' }],
      });
      secretId = e.id;
      const edit = await w.alice.patch(`/api/v1/events/${e.id}/`, {
        description: `secretsdump gave ${PLANTED_EVIDENCE}`,
        raw_evidence: PLANTED_EVIDENCE,
        outcome: 'password: Winter2026!',
        files: [
          {
            file_id: e.files[0]!.file_id,
            filename: 'ntds.dit',
            description: PLANTED_EVIDENCE,
            location: `C:\\loot\\${PLANTED_EVIDENCE}`,
          },
        ],
      });
      expect(edit.status).toBe(200);
      const swap = await w.alice.patch(`/api/v1/events/${e.id}/`, {
        raw_evidence: PLANTED_EVIDENCE.replace(PLANTED_HASH, OTHER_HASH),
      });
      expect(swap.status).toBe(200);
    });
    const historyOf = (c: ApiClient, eventId: number) =>
      c.get<{ results: Revision[] }>(`/api/v1/events/${eventId}/history/`);

    it('shows the operator every secret in the history', async () => {
      const res = await historyOf(w.alice, secretId);
      expect(res.status).toBe(200);
      const [swapped, edited] = res.body.results;
      expect(swapped?.diff.raw_evidence?.[1]).toContain(OTHER_HASH);
      expect(JSON.stringify(edited?.diff)).toContain(PLANTED_HASH);
      expect(edited?.snapshot.outcome).toBe('password: Winter2026!');
      expect(edited?.snapshot.files[0]?.location).toContain(PLANTED_HASH);
      expect(edited?.snapshot.files[0]?.description).toContain(PLANTED_HASH);
    });

    it.each(['blue', 'limited'] as const)('masks the history for %s exactly as the grid', async (who) => {
      const res = await historyOf(w[who], secretId);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => r.action)).toEqual(['update', 'update', 'create']);
      expect(leaks(res.body)).toBe(false);
      const [swapped, edited] = res.body.results;
      // The words around the secrets stay readable, as in the grid.
      const grid = (await w[who].get<EventDto>(`/api/v1/events/${secretId}/`)).body;
      expect(swapped?.snapshot.description).toBe(grid.description);
      expect(swapped?.snapshot.raw_evidence).toBe(grid.raw_evidence);
      expect(swapped?.snapshot.outcome).toBe(grid.outcome);
      expect(swapped?.snapshot.files[0]?.location).toBe(grid.files[0]?.location);
      expect(swapped?.snapshot.files[0]?.description).toBe(grid.files[0]?.description);
      expect(edited?.diff.description?.[1]).toContain('secretsdump gave');
      expect(edited?.diff.description?.[1]).toContain('«redacted»');
      expect(Object.keys(edited?.diff ?? {}).sort()).toEqual([
        'description',
        'files',
        'outcome',
        'raw_evidence',
      ]);
      // Swapping one hash for another changed nothing this reader can see: no field is listed.
      expect(swapped?.diff).toEqual({});
    });

    it('keeps the trash from the blue team and masks it for a reader without credential.view', async () => {
      expect((await w.alice.del(`/api/v1/events/${secretId}/`)).status).toBe(204);
      for (const who of ['blue', 'limited'] as const) {
        const trash = await w[who].get('/api/v1/events/trash/?engagement=ACME');
        expect(trash.status).toBe(403);
        expect(leaks(trash.body)).toBe(false);
        // A deleted event's history belongs to the trash.
        expect((await historyOf(w[who], secretId)).status).toBe(404);
      }
      const masked = await clientAdmin.get<{ results: TrashItem[] }>('/api/v1/events/trash/?engagement=ACME');
      expect(masked.status).toBe(200);
      expect(masked.body.results.map((t) => t.id)).toContain(secretId);
      expect(leaks(masked.body)).toBe(false);
      const history = await historyOf(clientAdmin, secretId);
      expect(history.body.results[0]?.action).toBe('delete');
      expect(leaks(history.body)).toBe(false);
      const superuser = await w.admin.get<{ results: TrashItem[] }>('/api/v1/events/trash/?engagement=ACME');
      expect(superuser.body.results.find((t) => t.id === secretId)?.description).toContain(PLANTED_HASH);

      const recovered = await clientAdmin.post(`/api/v1/events/${secretId}/undelete/`);
      expect(recovered.status).toBe(204);
      expect(leaks(recovered.body)).toBe(false);
      expect(leaks((await w.blue.get(`/api/v1/events/${secretId}/`)).body)).toBe(false);
    });
  });
});
