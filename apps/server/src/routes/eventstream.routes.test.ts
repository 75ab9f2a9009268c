import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/api-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const HASH = 'svc_sql:1104:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::';

type Line = {
  id: number;
  description: string;
  raw_evidence: string | null;
  event_id: number | null;
  technique: { id: string } | null;
};
type Page = { count: number; next: string | null; previous: string | null; results: Line[] };
type Event = Record<string, unknown> & { id: number };

describe.each(testDialects())('EventStream lines, clone and export on %s', (dialect) => {
  let server: TestServer;
  let red: ApiClient;
  let blue: ApiClient;
  let token: string;

  const importLines = async (engagement: string, body: string) => {
    const res = await fetch(`${server.url}/api/v1/eventstream/imports/?engagement=${engagement}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { added: number; duplicates: number; rejected: unknown[] };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const code of ['ESL', 'ESX']) await createTestEngagement(server.ctx, code);
    await createTestUser(server.ctx, {
      username: 'red',
      groups: ['Red Team Operators'],
      engagements: ['ESL', 'ESX'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['ESL'],
    });
    red = await login(server.url, 'red');
    blue = await login(server.url, 'blue');
    token = (await obtainTokens(server.url, 'red')).access;
    const lines = [
      {
        ts: '2024-04-01T17:02:01',
        t: { u: 'victim', h: '192.168.5.8' },
        d: 'Dumped browser passwords',
        op: 'RED',
      },
      {
        ts: '2024-04-01T17:03:01',
        te: '2024-04-01T17:06:20',
        s: { h: 'attacker.example.com', p: 'spray.exe' },
        t: { h: '192.168.5.6' },
        d: 'Password sprayed Welcome123',
        e: 'spray.exe -u users.txt -p Welcome123',
        ma: { ta: 'TA0006', t: 'T1110.003' },
      },
      {
        ts: '2024-04-01T18:00:00Z',
        s: { h: 'kali' },
        e: `secretsdump.py corp/admin@dc01\n${HASH}`,
        tool: 'impacket',
      },
      {
        ts: '2024-04-01T19:00:00Z',
        s: { h: 'kali' },
        d: 'Unknown ids',
        ma: { ta: 'TA0099', t: 'T9999.999' },
      },
    ];
    await importLines('ESL', lines.map((l) => JSON.stringify(l)).join('\n'));
  });
  afterAll(() => server.stop());

  it('lists, sorts, searches (evidence included) and pages the lines', async () => {
    const all = await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL');
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(4);
    expect(all.body.results.map((l) => l.description)).toEqual([
      'Unknown ids',
      '',
      'Password sprayed Welcome123',
      'Dumped browser passwords',
    ]);
    expect(all.body.results[2]!.technique?.id).toBe('T1110.003');
    const found = await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL&search=secretsdump');
    expect(found.body.results).toHaveLength(1);
    const first = await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL&page_size=3&sort=timestamp');
    expect(first.body.results.map((l) => l.description)[0]).toBe('Dumped browser passwords');
    const second = await red.get<Page>(first.body.next!.replace(server.url, ''));
    expect(second.body.results.map((l) => l.description)).toEqual(['Unknown ids']);
    const back = await red.get<Page>(second.body.previous!.replace(server.url, ''));
    expect(back.body.results.map((l) => l.description)).toEqual(first.body.results.map((l) => l.description));
    const ranged = await red.get<Page>(
      '/api/v1/eventstream/lines/?engagement=ESL&from=2024-04-01T17:30:00Z&to=2024-04-01T18:30:00Z',
    );
    expect(ranged.body.results).toHaveLength(1);
  });

  it('keeps the lines, and so their credentials, from the blue team, who cannot import or clone either', async () => {
    expect((await blue.get('/api/v1/eventstream/lines/?engagement=ESL')).status).toBe(403);
    const line = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL')).body.results[0]!;
    expect((await blue.get(`/api/v1/eventstream/lines/${line.id}/event-draft/`)).status).toBe(403);
    expect(
      (await blue.post('/api/v1/eventstream/lines/clone/', { engagement: 'ESL', ids: [line.id] })).status,
    ).toBe(403);
    const upload = await fetch(`${server.url}/api/v1/eventstream/imports/?engagement=ESL`, {
      method: 'POST',
      headers: {
        cookie: blue.cookie,
        'x-csrf-token': blue.csrfToken,
        origin: server.url,
        'content-type': 'text/plain',
      },
      body: '{"ts":"2024-04-01T10:00:00","d":"blue"}',
    });
    expect(upload.status).toBe(403);
  });

  it('clones a line through the pre-filled form, linking both ways, and reports unknown ATT&CK ids', async () => {
    const list = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL')).body.results;
    const spray = list.find((l) => l.description.startsWith('Password sprayed'))!;
    const draft = await red.get<{ fields: Record<string, unknown>; warnings: string[] }>(
      `/api/v1/eventstream/lines/${spray.id}/event-draft/`,
    );
    expect(draft.body.fields).toMatchObject({
      engagement: 'ESL',
      timestamp: '2024-04-01T17:03:01.000Z',
      timestamp_end: '2024-04-01T17:06:20.000Z',
      source: { host: 'attacker.example.com', user: '', process: 'spray.exe' },
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1110',
      mitre_attack_subtechnique: 'T1110.003',
    });
    // Opening the form created nothing.
    const contexts = await server.ctx.database.db.selectFrom('context').select('host').execute();
    expect(contexts.map((c) => c.host)).not.toContain('attacker.example.com');
    const saved = await red.post<{ event_id: number }>(
      `/api/v1/eventstream/lines/${spray.id}/clone/`,
      draft.body.fields,
    );
    expect(saved.status).toBe(201);
    const event = await red.get<Event>(`/api/v1/events/${saved.body.event_id}/`);
    expect(event.body).toMatchObject({
      description: 'Password sprayed Welcome123',
      mitre_attack_subtechnique: 'T1110.003',
    });
    const after = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL')).body.results;
    expect(after.find((l) => l.id === spray.id)!.event_id).toBe(saved.body.event_id);
    const linked = await red.get<Page>(
      `/api/v1/eventstream/lines/?engagement=ESL&event=${saved.body.event_id}`,
    );
    expect(linked.body.results.map((l) => l.id)).toEqual([spray.id]);

    const unknown = list.find((l) => l.description === 'Unknown ids')!;
    const warned = await red.get<{ fields: Record<string, unknown>; warnings: string[] }>(
      `/api/v1/eventstream/lines/${unknown.id}/event-draft/`,
    );
    expect(warned.status).toBe(200);
    expect(warned.body.warnings.join(' ')).toMatch(/TA0099/);
    expect(warned.body.fields.mitre_attack_tactic).toBeNull();
  });

  it('clones selected lines at once, each keeping its link, and skips those already cloned', async () => {
    const list = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL')).body.results;
    const res = await red.post<{
      cloned: Array<{ line_id: number; event_id: number }>;
      skipped: Array<{ line_id: number }>;
    }>('/api/v1/eventstream/lines/clone/', { engagement: 'ESL', ids: list.map((l) => l.id) });
    expect(res.status).toBe(200);
    expect(res.body.cloned).toHaveLength(3);
    expect(res.body.skipped).toHaveLength(1);
    const after = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESL')).body.results;
    for (const c of res.body.cloned) expect(after.find((l) => l.id === c.line_id)!.event_id).toBe(c.event_id);
    const noSource = await red.get<Event>(
      `/api/v1/events/${res.body.cloned.find((c) => list.find((l) => l.id === c.line_id)!.description === 'Dumped browser passwords')!.event_id}/`,
    );
    expect(noSource.body).toMatchObject({
      source: { host: 'Unknown' },
      target: { host: '192.168.5.8', user: 'victim' },
    });
  });

  it('exports events as EventStream that imports and clones elsewhere into equal events', async () => {
    const created = await red.post<Event>('/api/v1/events/', {
      engagement: 'ESL',
      timestamp: '2024-05-01T09:00:00.250Z',
      timestamp_end: '2024-05-01T09:05:00Z',
      source: { host: 'WS01', user: 'CORP\\alice' },
      target: { host: 'DC01', process: 'lsass.exe' },
      mitre_attack_tactic: 'TA0008',
      mitre_attack_technique: 'T1021',
      mitre_attack_subtechnique: 'T1021.001',
      description: 'RDP to the DC',
      raw_evidence: 'mstsc /v:dc01',
      outcome: 'Desktop on DC01',
      detected: 'PAR',
      prevented: 'NEG',
      tags: ['lateral', 'rdp'],
    });
    expect(created.status).toBe(201);
    const exported = await fetch(`${server.url}/api/v1/eventstream/?engagement=ESL&search=RDP`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exported.headers.get('content-type')).toMatch(/application\/jsonl/);
    const text = await exported.text();
    const record = JSON.parse(text.trim().split('\n')[0]!);
    expect(record).toEqual({
      ts: '2024-05-01T09:00:00.250Z',
      te: '2024-05-01T09:05:00.000Z',
      op: 'red',
      s: { h: 'WS01', u: 'CORP\\alice' },
      t: { h: 'DC01', p: 'lsass.exe' },
      d: 'RDP to the DC',
      e: 'mstsc /v:dc01',
      o: 'Desktop on DC01',
      ma: { ta: 'TA0008', t: 'T1021.001' },
      detected: 'PAR',
      prevented: 'NEG',
      tags: ['lateral', 'rdp'],
    });
    const asArray = await fetch(`${server.url}/api/v1/eventstream/?engagement=ESL&search=RDP&format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await asArray.json()).toEqual([record]);

    expect((await importLines('ESX', text)).added).toBe(1);
    const line = (await red.get<Page>('/api/v1/eventstream/lines/?engagement=ESX')).body.results[0]!;
    const cloned = await red.post<{ cloned: Array<{ event_id: number }> }>(
      '/api/v1/eventstream/lines/clone/',
      {
        engagement: 'ESX',
        ids: [line.id],
      },
    );
    const copy = await red.get<Event>(`/api/v1/events/${cloned.body.cloned[0]!.event_id}/`);
    const comparable = (e: Event) => {
      const {
        id,
        engagement,
        version,
        created_at,
        updated_at,
        created_by,
        updated_by,
        source,
        target,
        ...rest
      } = e;
      const parts = (c: unknown) => {
        const { host, user, process } = c as Record<string, string>;
        return { host, user, process };
      };
      return { ...rest, source: parts(source), target: parts(target) };
    };
    expect(copy.body.engagement).toBe('ESX');
    expect(comparable(copy.body)).toEqual(comparable(created.body));
  });
});
