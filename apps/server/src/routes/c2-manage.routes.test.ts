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

type Row = Record<string, unknown> & { id: number };

describe.each(testDialects())('C2 clone, exclusions and watch bell on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'C2M');
    await createTestUser(server.ctx, { username: 'red', role: 'operator', engagements: ['C2M'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['C2M'] });
    for (const u of ['red', 'blue']) tokens[u] = (await obtainTokens(server.url, u)).access;
    const archive = new Uint8Array(await c2TarGz());
    await call(
      'red',
      'POST',
      '/api/v1/c2/imports/?engagement=C2M&adapter=cobalt-strike-logs&server=ts1',
      archive,
    );
  });
  afterAll(() => server.stop());

  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const raw = body instanceof Uint8Array;
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body === undefined ? {} : { 'content-type': raw ? 'application/gzip' : 'application/json' }),
      },
      body: (body === undefined ? undefined : raw ? body : JSON.stringify(body)) as BodyInit | undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const list = async (what: string, extra = '') =>
    (await call('red', 'GET', `/api/v1/c2/${what}/?engagement=C2M${extra}`)).body.results as Row[];

  it('clones a download as collection from the session to the previous hop, linked both ways', async () => {
    const download = (await list('downloads')).find((d) => d.name === 'notes.txt') as Row;
    const draft = await call('red', 'GET', `/api/v1/c2/downloads/${download.id}/event-draft/`);
    expect(draft.status).toBe(200);
    expect(draft.body.fields).toMatchObject({
      timestamp: '2027-01-01T00:20:00.000Z',
      source: { host: 'SRV02', user: 'SYSTEM', process: 'spoolsv.exe (PID: 1312)' },
      target: { host: 'WS01', user: 'alice', process: 'rundll32.exe (PID: 4242)' },
      mitre_attack_tactic: 'TA0009',
      mitre_attack_technique: 'T1005',
      description: 'Downloaded "notes.txt" (10 bytes) from C:\\Temp\\',
    });
    const { engagement: _e, ...fields } = draft.body.fields as Record<string, unknown>;
    const saved = await call('red', 'POST', `/api/v1/c2/downloads/${download.id}/clone/`, fields);
    expect(saved.status).toBe(201);
    const after = (await list('downloads')).find((d) => d.id === download.id);
    expect(after?.event).toBe(saved.body.event_id);
  });

  it('clones a session as command and control, admin control as its outcome', async () => {
    const smb = (await list('sessions')).find((s) => s.external_id === '5678') as Row;
    const draft = await call('red', 'GET', `/api/v1/c2/sessions/${smb.id}/event-draft/`);
    expect(draft.body.fields).toMatchObject({
      timestamp: '2026-12-31T23:55:00.000Z',
      source: { host: 'SRV02' },
      target: { host: 'WS01' },
      mitre_attack_tactic: 'TA0011',
      mitre_attack_technique: 'T1090',
      mitre_attack_subtechnique: 'T1090.001',
      outcome: 'Remote administrative control of device',
    });
    expect(String((draft.body.fields as Row).description)).toMatch(
      /^New SMB Named Pipe command and control connection from Cobalt Strike beacon on /,
    );
    const { engagement: _e, ...fields } = draft.body.fields as Record<string, unknown>;
    const saved = await call('red', 'POST', `/api/v1/c2/sessions/${smb.id}/clone/`, fields);
    expect(saved.status).toBe(201);
    expect((await list('sessions')).find((s) => s.id === smb.id)?.event).toBe(saved.body.event_id);
  });

  it('clones selected actions once each', async () => {
    const actions = await list('actions', '&search=shell');
    const ids = actions.map((a) => a.id);
    expect(ids).toHaveLength(2);
    const first = await call('red', 'POST', '/api/v1/c2/actions/clone/', { actions: ids });
    expect(first.status).toBe(201);
    expect(first.body.cloned).toHaveLength(2);
    const again = await call('red', 'POST', '/api/v1/c2/actions/clone/', { actions: ids });
    expect(again.body).toMatchObject({
      cloned: [],
      skipped: [{ reason: expect.stringMatching(/^already cloned/) }, {}],
    });
    const linked = await list('actions', '&search=shell');
    expect(linked.every((a) => typeof a.event === 'number')).toBe(true);
  });

  it('hides sessions like an excluded one everywhere until the exclusion is removed', async () => {
    const ws01 = (await list('sessions')).find((s) => s.host === 'WS01') as Row;
    const added = await call('red', 'POST', '/api/v1/c2/exclusions/?engagement=C2M', {
      session: ws01.id,
      field: 'computer',
    });
    expect([added.status, added.body.field, added.body.value]).toEqual([201, 'computer', 'WS01']);
    expect((await list('sessions')).map((s) => s.host).sort()).toEqual(['SRV02', 'lnx01']);
    expect((await list('actions')).some((a) => a.session === ws01.id)).toBe(false);
    expect((await list('downloads')).map((d) => d.name)).toEqual(['notes.txt']);
    expect((await list('exclusions')).map((x) => x.value)).toEqual(['WS01']);
    const blank = await call('red', 'POST', '/api/v1/c2/exclusions/?engagement=C2M', {
      session: ws01.id,
      field: 'external',
    });
    expect(blank.status).toBe(201);
    const removed = await call('red', 'DELETE', `/api/v1/c2/exclusions/${added.body.id}/`);
    expect(removed.status).toBe(204);
    await call('red', 'DELETE', `/api/v1/c2/exclusions/${blank.body.id}/`);
    expect(await list('sessions')).toHaveLength(3);
  });

  it('rings the watch bell on a session', async () => {
    const ssh = (await list('sessions')).find((s) => s.kind === 'ssh') as Row;
    expect(ssh.watched).toBe(false);
    const set = await call('red', 'PUT', `/api/v1/c2/sessions/${ssh.id}/watch/`, { watched: true });
    expect(set.body).toEqual({ session: ssh.id, watched: true });
    expect((await list('sessions')).find((s) => s.id === ssh.id)?.watched).toBe(true);
    await call('red', 'PUT', `/api/v1/c2/sessions/${ssh.id}/watch/`, { watched: false });
    expect((await list('sessions')).find((s) => s.id === ssh.id)?.watched).toBe(false);
  });

  it('never lets the blue team clone, exclude or watch', async () => {
    const session = (await list('sessions'))[0] as Row;
    const download = (await list('downloads'))[0] as Row;
    const probes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/c2/exclusions/?engagement=C2M'],
      ['POST', '/api/v1/c2/exclusions/?engagement=C2M', { session: session.id, field: 'id' }],
      ['PUT', `/api/v1/c2/sessions/${session.id}/watch/`, { watched: true }],
      ['GET', `/api/v1/c2/sessions/${session.id}/event-draft/`],
      ['GET', `/api/v1/c2/downloads/${download.id}/event-draft/`],
      ['POST', '/api/v1/c2/actions/clone/', { actions: [1] }],
    ];
    for (const [method, path, body] of probes)
      expect([path, (await call('blue', method, path, body)).status]).toEqual([path, 403]);
  });
});
