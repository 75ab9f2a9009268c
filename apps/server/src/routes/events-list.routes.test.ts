import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvent,
  type ErrorBody,
  type EventWorld,
  eventBody,
  type Page,
  startEventWorld,
} from './events.fixture.ts';

const path = (next: string) => {
  const u = new URL(next);
  return `${u.pathname}${u.search}`;
};

describe.each(testDialects())('event list API on %s', (dialect) => {
  let w: EventWorld;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    const make = async (name: string, overrides: Record<string, unknown>) => {
      ids[name] = (await createEvent(w.alice, overrides)).id;
    };
    await make('kerb', {
      timestamp: '2026-03-01T09:00:00Z',
      description: 'Kerberoasted the SQL service account',
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1558',
      mitre_attack_subtechnique: 'T1558.003',
      detected: 'FUL',
      tags: ['Creds'],
    });
    await make('rdp', {
      timestamp: '2026-03-02T09:00:00Z',
      description: 'RDP to the jump host',
      mitre_attack_tactic: 'TA0008',
      mitre_attack_technique: 'T1021',
      detected: 'NEG',
      prevented: 'FUL',
      operator: 'carol',
      raw_evidence: 'mstsc.exe /v:jump01.acme.local',
    });
    await make('untagged', {
      timestamp: '2026-03-03T09:00:00Z',
      description: 'Ran whoami',
      outcome: 'lsass.exe noticed',
    });
    await make('ctx', {
      timestamp: '2026-03-04T09:00:00Z',
      description: 'Listed shares',
      target: { host: 'FILESRV02', user: 'svc_backup' },
      tags: ['discovery'],
    });
    await w.alice.post(`/api/v1/events/${ids.ctx}/star/`);
    // An event of another engagement with the same words must never show up for ACME.
    await createEvent(w.bob, {
      description: 'Kerberoasted in BETA',
      tags: ['Creds'],
      timestamp: '2026-03-05T09:00:00Z',
    });
  });
  afterAll(() => w?.stop());

  const list = async (query: string, client = w.alice) => {
    const res = await client.get<Page>(`/api/v1/events/?engagement=ACME&${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const listIds = async (query: string) => (await list(query)).results.map((e) => e.id);

  it('lists newest first in the envelope, with tags, star and files included', async () => {
    const page = await list('');
    expect(page.count).toBe(4);
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
    expect(page.results.map((e) => e.id)).toEqual([ids.ctx, ids.untagged, ids.rdp, ids.kerb]);
    expect(page.results[0]).toMatchObject({ starred: true, tags: ['discovery'], files: [] });
    expect(page.results.every((e) => e.timestamp.endsWith('Z'))).toBe(true);
    expect(await listIds('sort=timestamp')).toEqual([ids.kerb, ids.rdp, ids.untagged, ids.ctx]);
  });

  it.each([
    ['tag=creds', ['kerb']],
    ['untagged=true', ['untagged', 'rdp']],
    ['tactic=TA0008', ['rdp']],
    ['technique=T1558', ['kerb']],
    ['technique=T1558.003', ['kerb']],
    ['detected=FUL,NEG', ['rdp', 'kerb']],
    ['prevented=FUL', ['rdp']],
    ['operator=carol', ['rdp']],
    ['starred=true', ['ctx']],
    ['from=2026-03-02T00:00:00Z&to=2026-03-03T23:59:59Z', ['untagged', 'rdp']],
    ['search=kerberoasted', ['kerb']],
    ['search=jump01', ['rdp']],
    ['search=lsass.exe', ['untagged']],
    ['search=filesrv02 svc_backup', ['ctx']],
    ['search=DISCOVERY', ['ctx']],
    ['search=kerberoasted%20rdp', []],
    ['tag=creds&detected=NEG', []],
  ])('filters by %s', async (query, expected) => {
    expect(await listIds(query)).toEqual(expected.map((n) => ids[n]));
  });

  it('refuses bad filter values with a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['detected=MAYBE', 'detected'],
      ['from=yesterday', 'from'],
      ['sort=colour', 'sort'],
      ['page_size=5000', 'page_size'],
      ['cursor=bm9wZQ', 'cursor'],
    ]) {
      const res = await w.alice.get<ErrorBody>(`/api/v1/events/?engagement=ACME&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.fields?.map((f) => f.field).join()).toContain(field);
    }
  });

  it('keeps engagements apart: list, search, tags and engagement codes', async () => {
    const bobs = await w.bob.get<Page>('/api/v1/events/?search=kerberoasted');
    expect(bobs.body.results.map((e) => e.engagement)).toEqual(['BETA']);
    const bobAcme = await w.bob.get<ErrorBody>('/api/v1/events/?engagement=ACME');
    expect(bobAcme.status).toBe(400);
    const all = await w.admin.get<Page>('/api/v1/events/?search=kerberoasted');
    expect(all.body.results.map((e) => e.engagement).sort()).toEqual(['ACME', 'BETA']);
  });

  it('pages with keyset cursors, forwards and back, stable when new events arrive', async () => {
    const first = await list('page_size=3');
    expect(first.count).toBe(4);
    expect(first.results.map((e) => e.id)).toEqual([ids.ctx, ids.untagged, ids.rdp]);
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/events\/\?engagement=ACME&page_size=3&cursor=/,
    );
    // A newer event arriving between pages does not shift the next page.
    const newer = await createEvent(w.alice, { timestamp: '2026-03-09T00:00:00Z' });
    const second = (await w.alice.get<Page>(path(first.next as string))).body;
    expect(second.results.map((e) => e.id)).toEqual([ids.kerb]);
    expect(second.next).toBeNull();
    expect(second.previous).not.toBeNull();
    const back = (await w.alice.get<Page>(path(second.previous as string))).body;
    expect(back.results.map((e) => e.id)).toEqual([ids.ctx, ids.untagged, ids.rdp]);
    expect(back.next).not.toBeNull();
    expect(back.previous).not.toBeNull();
    const top = (await w.alice.get<Page>(path(back.previous as string))).body;
    expect(top.results.map((e) => e.id)).toEqual([newer.id]);
    expect(top.previous).toBeNull();
    await w.alice.del(`/api/v1/events/${newer.id}/`);
  });

  it('pages through equal timestamps without losing or repeating rows', async () => {
    const same = [];
    for (let i = 0; i < 5; i++)
      same.push(
        (
          await createEvent(
            w.alice,
            eventBody({ timestamp: '2020-01-01T00:00:00Z', description: `tie ${i}` }),
          )
        ).id,
      );
    const seen: number[] = [];
    let next: string | null = '/api/v1/events/?engagement=ACME&search=tie&page_size=2';
    while (next) {
      const page: Page = (await w.alice.get<Page>(next.startsWith('http') ? path(next) : next)).body;
      seen.push(...page.results.map((e) => e.id));
      next = page.next;
    }
    expect(seen).toEqual([...same].sort((a, b) => b - a));
    for (const id of same) await w.alice.del(`/api/v1/events/${id}/`);
  });

  it('sorts by Detected along its scale (Unknown < No Trace < Alert Raised) with a stable keyset', async () => {
    const asc = await listIds('sort=detected');
    expect(asc).toEqual([ids.untagged, ids.ctx, ids.rdp, ids.kerb]);
    const p1 = await list('sort=-detected&page_size=2');
    const p2 = (await w.alice.get<Page>(path(p1.next as string))).body;
    expect([...p1.results, ...p2.results].map((e) => e.id)).toEqual([
      ids.kerb,
      ids.rdp,
      ids.ctx,
      ids.untagged,
    ]);
  });

  it('sorts by Prevented along its scale (Not Prevented < Blocked as Standard)', async () => {
    const desc = await listIds('sort=-prevented');
    expect(desc[0]).toBe(ids.rdp);
  });
});
