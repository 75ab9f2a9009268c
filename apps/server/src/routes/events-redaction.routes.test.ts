import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/index.ts';
import {
  createEvent,
  type EventWorld,
  type Page,
  PLANTED_EVIDENCE,
  PLANTED_HASH,
  startEventWorld,
} from './events.fixture.ts';

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
    return text.includes(PLANTED_HASH) || text.includes('Winter2026!');
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
});
