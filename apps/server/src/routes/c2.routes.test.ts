import { c2TarGz } from '@steppingstones/core/c2/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

describe.each(testDialects())('C2 API on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'C2API');
    await createTestUser(server.ctx, {
      username: 'red',
      groups: ['Red Team Operators'],
      engagements: ['C2API'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['C2API'],
    });
    await createTestUser(server.ctx, {
      username: 'Neo',
      groups: ['Red Team Operators'],
      engagements: ['C2API'],
    });
    for (const u of ['red', 'blue']) tokens[u] = (await obtainTokens(server.url, u)).access;
  });
  afterAll(() => server.stop());

  const call = async (user: string, method: string, path: string, body?: BodyInit, type?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[user]}`, ...(type ? { 'content-type': type } : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const imports = '/api/v1/c2/imports/?engagement=C2API&adapter=cobalt-strike-logs&server=ts1';

  it('imports an archive sent raw with any content type, once', async () => {
    const archive = new Uint8Array(await c2TarGz());
    const first = await call('red', 'POST', imports, archive, 'application/gzip');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    expect(first.body.rejected).toHaveLength(2);
    const again = await call('red', 'POST', imports, archive, 'application/octet-stream');
    expect(again.body).toMatchObject({ sessions: 0, actions: 0, downloads: 0, files: 0, credentials: 0 });
    const form = await call('red', 'POST', imports, 'x', 'multipart/form-data; boundary=x');
    expect(form.status).toBe(400);
    const adapter = await call('red', 'POST', '/api/v1/c2/imports/?engagement=C2API&adapter=nope', archive);
    expect([adapter.status, JSON.stringify(adapter.body)]).toEqual([400, expect.stringContaining('adapter')]);
  });

  it('lists sessions, actions (by session, search and time) and downloads with their fields', async () => {
    const sessions = await call('red', 'GET', '/api/v1/c2/sessions/?engagement=C2API');
    expect(sessions.body.count).toBe(3);
    const results = sessions.body.results as Array<Record<string, unknown>>;
    const beacon = results.find((s) => s.external_id === '1234') as Record<string, unknown>;
    expect(beacon).toMatchObject({
      kind: 'beacon',
      host: 'WS01',
      user: 'alice',
      is_admin: true,
      process: 'rundll32.exe',
      pid: 4242,
      os_name: 'Windows 10 (22H2)',
      external: '203.0.113.7',
      internal: '10.0.0.5',
      first_seen: '2026-12-31T23:50:01.000Z',
      last_seen: '2027-01-01T00:10:05.000Z',
      next_checkin: '2027-01-01T00:11:17.000Z',
      // Check-ins before the sleep was known are 5 minutes apart at most; the next day's is a new one.
      presences: [
        { start: '2026-12-31T23:50:01.000Z', end: '2026-12-31T23:50:40.000Z' },
        { start: '2027-01-01T00:10:05.000Z', end: '2027-01-01T00:10:05.000Z' },
      ],
    });
    const ssh = results.find((s) => s.kind === 'ssh') as Record<string, unknown>;
    const smb = results.find((s) => s.external_id === '5678') as Record<string, unknown>;
    expect([smb.parent, ssh.parent]).toEqual([beacon.id, smb.id]);

    const mine = await call('red', 'GET', `/api/v1/c2/actions/?engagement=C2API&session=${beacon.id}`);
    expect((mine.body.results as Array<{ input: string }>).map((a) => a.input)).toEqual([
      'ls',
      'upload /tmp/x.exe',
      'sleep 60 20',
      'hashdump',
    ]);
    const found = await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&search=TRINITY%20x.exe');
    expect(found.body.results).toEqual([
      expect.objectContaining({
        operator: 'trinity',
        attack_ids: ['T1105'],
        indicators: ['file: 0123456789abcdef0123456789abcdef 1024 bytes x.exe'],
        start: '2026-12-31T23:59:05.000Z',
        event: null,
      }),
    ]);
    const range = await call(
      'red',
      'GET',
      '/api/v1/c2/actions/?engagement=C2API&from=2027-01-01T00:00:00Z&to=2027-01-01T00:30:00Z',
    );
    expect((range.body.results as Array<{ input: string }>).map((a) => a.input)).toEqual(['ls']);
    const bad = await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&from=yesterday');
    expect([bad.status, JSON.stringify(bad.body)]).toEqual([400, expect.stringContaining('from')]);

    const paged = await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&page_size=4');
    expect([paged.body.count, (paged.body.results as unknown[]).length]).toEqual([6, 4]);
    const rest = await fetch(String(paged.body.next), { headers: { authorization: `Bearer ${tokens.red}` } });
    expect(((await rest.json()) as { results: unknown[] }).results).toHaveLength(2);

    const downloads = await call('red', 'GET', '/api/v1/c2/downloads/?engagement=C2API');
    expect(downloads.body.results).toEqual([
      expect.objectContaining({
        name: 'notes.txt',
        size: 10,
        at: '2027-01-01T00:20:00.000Z',
        remote_path: 'C:\\Temp\\',
      }),
      expect.objectContaining({ name: 'secrets.kdbx', size: 2048, path: '/opt/cs/downloads/abc' }),
    ]);
    const servers = await call('red', 'GET', '/api/v1/c2/servers/?engagement=C2API');
    expect(servers.body.results).toEqual([expect.objectContaining({ name: 'ts1', kind: 'cobalt-strike' })]);
  });

  it('clones an action to an event with the previous hop, ATT&CK, evidence and file, linked both ways', async () => {
    const found = await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&search=whoami');
    const whoami = (found.body.results as Array<{ id: number }>)[0] as { id: number };
    const draft = await call('red', 'GET', `/api/v1/c2/actions/${whoami.id}/event-draft/`);
    expect(draft.status).toBe(200);
    expect(draft.body.fields).toMatchObject({
      engagement: 'C2API',
      timestamp: '2026-12-31T23:55:10.000Z',
      operator: 'Neo',
      source: { host: 'WS01', user: 'alice', process: 'rundll32.exe (PID: 4242)' },
      target: { host: 'SRV02', user: 'SYSTEM', process: 'spoolsv.exe (PID: 1312)' },
      mitre_attack_technique: 'T1059',
      mitre_attack_subtechnique: 'T1059.003',
      description: 'Tasked beacon to run: whoami',
      raw_evidence: 'shell whoami\r\rnt authority\\system',
    });
    const upload = (await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&search=upload')).body
      .results as Array<{ id: number }>;
    const uploadDraft = await call('red', 'GET', `/api/v1/c2/actions/${upload[0]?.id}/event-draft/`);
    expect(uploadDraft.body.fields).toMatchObject({
      source: { host: 'ts1' },
      files: [{ filename: 'x.exe', md5: '0123456789abcdef0123456789abcdef', size: 1024 }],
    });
    const { engagement: _e, ...fields } = draft.body.fields as Record<string, unknown>;
    const saved = await call(
      'red',
      'POST',
      `/api/v1/c2/actions/${whoami.id}/clone/`,
      JSON.stringify(fields),
      'application/json',
    );
    expect(saved.status).toBe(201);
    const after = await call('red', 'GET', '/api/v1/c2/actions/?engagement=C2API&search=whoami');
    expect((after.body.results as Array<{ event: number }>)[0]?.event).toBe(saved.body.event_id);
    const event = await call('red', 'GET', `/api/v1/events/${saved.body.event_id}/`);
    expect(event.body).toMatchObject({ description: 'Tasked beacon to run: whoami' });
    expect((await call('blue', 'GET', `/api/v1/c2/actions/${whoami.id}/event-draft/`)).status).toBe(403);
  });

  it('never shows C2 data to the blue team', async () => {
    for (const path of ['sessions', 'actions', 'downloads', 'servers']) {
      const answer = await call('blue', 'GET', `/api/v1/c2/${path}/?engagement=C2API`);
      expect(answer.status).toBe(403);
      // Not even the presences of a session leak in the refusal.
      expect(JSON.stringify(answer.body)).not.toContain('presences');
    }
    expect((await call('blue', 'POST', imports, 'x', 'text/plain')).status).toBe(403);
  });
});
