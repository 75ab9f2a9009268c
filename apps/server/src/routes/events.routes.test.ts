import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEngagement, createTestUser, login, obtainTokens } from '../testing/index.ts';
import {
  createEvent,
  type ErrorBody,
  type EventWorld,
  eventBody,
  startEventWorld,
} from './events.fixture.ts';

describe.each(testDialects())('event API on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
  });
  afterAll(() => w?.stop());

  const countEvents = async () =>
    Number(
      (
        await w.server.ctx.database.db
          .selectFrom('event')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates an event with every field, answering 201 with ETag, Location and UTC times', async () => {
    const res = await w.alice.post<EventDto>(
      '/api/v1/events/',
      eventBody({
        engagement: 'ACME',
        timestamp: '2026-03-01T11:00:07.250+01:00',
        timestamp_end: '2026-03-01T10:30:00Z',
        mitre_attack_tactic: 'TA0008',
        mitre_attack_technique: 'T1021',
        mitre_attack_subtechnique: 'T1021.001',
        raw_evidence: 'whoami\nacme\\op',
        outcome: 'Got a shell',
        detected: 'PAR',
        prevented: 'N/A',
        tags: ['Lateral', 'rdp'],
        files: [
          { filename: 'tool.exe', size: 1024, md5: 'D41D8CD98F00B204E9800998ECF8427E', location: 'C:\\temp' },
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/v1/events/${res.body.id}/`);
    expect(res.body).toMatchObject({
      engagement: 'ACME',
      timestamp: '2026-03-01T10:00:07.250Z',
      timestamp_end: '2026-03-01T10:30:00.000Z',
      operator: 'alice',
      source: { host: 'WS01', user: 'op', process: 'beacon.exe' },
      target: { host: 'DC01', user: '', process: '' },
      mitre_attack_tactic: 'TA0008',
      mitre_attack_technique: 'T1021',
      mitre_attack_subtechnique: 'T1021.001',
      mitre_attack_label: 'T1021.001 Remote Services - Remote Desktop Protocol',
      detected: 'PAR',
      prevented: 'N/A',
      starred: false,
      tags: ['Lateral', 'rdp'],
      version: 1,
      created_by: 'alice',
    });
    expect(res.body.source.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(res.body.files[0]).toMatchObject({
      filename: 'tool.exe',
      size: 1024,
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
    });
    const got = await w.alice.get<EventDto>(`/api/v1/events/${res.body.id}/`);
    expect(got.body).toEqual(res.body);
  });

  it('defaults the engagement to the only one the caller belongs to, and asks when there are several', async () => {
    expect((await w.alice.post<EventDto>('/api/v1/events/', eventBody())).body.engagement).toBe('ACME');
    const db = w.server.ctx.database.db;
    const admin = await db
      .selectFrom('app_user')
      .select('current_engagement_id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.current_engagement_id).not.toBeNull();
    expect((await w.admin.post<EventDto>('/api/v1/events/', eventBody())).status).toBe(201);
    // A superuser without a current engagement, with two open ones, must say which.
    await db
      .updateTable('app_user')
      .set({ current_engagement_id: null })
      .where('username', '=', 'admin')
      .execute();
    const res = await w.admin.post<ErrorBody>('/api/v1/events/', eventBody());
    await db
      .updateTable('app_user')
      .set({ current_engagement_id: admin.current_engagement_id })
      .where('username', '=', 'admin')
      .execute();
    expect(res.status).toBe(400);
    expect(res.body.fields?.[0]?.field).toBe('engagement');
    const unknown = await w.alice.post<ErrorBody>('/api/v1/events/', eventBody({ engagement: 'BETA' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields?.[0]?.field).toBe('engagement');
  });

  it('without a current engagement, lands in the only open one; with two open ones, asks for the field', async () => {
    const { ctx } = w.server;
    await createTestEngagement(ctx, 'OLD');
    await createTestEngagement(ctx, 'GAMMA');
    const red = ['Red Team Operators'];
    await createTestUser(ctx, { username: 'dave', groups: red, engagements: ['OLD', 'ACME'] });
    await createTestUser(ctx, { username: 'erin', groups: red, engagements: ['ACME', 'GAMMA'] });
    await ctx.database.db.updateTable('engagement').set({ archived: 1 }).where('code', '=', 'OLD').execute();
    const dave = await login(w.server.url, 'dave');
    const erin = await login(w.server.url, 'erin');

    // While the archived engagement is dave's current one, a create without a code is refused as read-only.
    const archived = await dave.post<ErrorBody>('/api/v1/events/', eventBody());
    expect(archived.status).toBe(409);
    expect(archived.body.message).toContain('OLD is archived');

    // Without a current engagement, the only open one of the two is used.
    for (const client of [dave, erin])
      expect((await client.patch('/api/v1/auth/me', { current_engagement: null })).status).toBe(200);
    const created = await dave.post<EventDto>('/api/v1/events/', eventBody({ description: 'Dave, no code' }));
    expect(created.status).toBe(201);
    expect(created.body.engagement).toBe('ACME');

    // Two open engagements and no current one: a 400 naming the field and saying what to do; nothing written.
    const before = await countEvents();
    const res = await erin.post<ErrorBody>('/api/v1/events/', eventBody());
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'engagement',
        message:
          'Say which engagement (its code): you are a member of several and have no current engagement.',
      },
    ]);
    expect(await countEvents()).toBe(before);
    const named = await erin.post<EventDto>('/api/v1/events/', eventBody({ engagement: 'GAMMA' }));
    expect(named.body.engagement).toBe('GAMMA');
  });

  it.each([
    ['description', { description: '' }],
    ['description', { description: 'x'.repeat(1001) }],
    ['timestamp', { timestamp: '2026-02-30T10:00:00Z' }],
    ['timestamp_end', { timestamp_end: '2026-03-01T09:59:59Z' }],
    ['source', { source: { host: '', user: '', process: '' } }],
    ['target.host', { target: { host: 'h'.repeat(101) } }],
    ['files.0.md5', { files: [{ filename: 'a.exe', md5: 'xyz' }] }],
    ['files.0.sha256', { files: [{ filename: 'a.exe', sha256: 'ab' }] }],
    ['files.0', { files: [{ location: 'C:\\x' }] }],
    ['detected', { detected: 'YES' }],
    ['mitre_attack_technique', { mitre_attack_technique: 'T1021' }],
    ['mitre_attack_technique', { mitre_attack_tactic: 'TA0001', mitre_attack_technique: 'T1021' }],
    ['mitre_attack_tactic', { mitre_attack_tactic: 'TA9999' }],
    ['mitre_attack_subtechnique', { mitre_attack_tactic: 'TA0008', mitre_attack_subtechnique: 'T1021.001' }],
    ['operator', { operator: 'bob' }],
  ])('refuses a bad %s with a 400 naming it, writing nothing', async (field, overrides) => {
    const before = await countEvents();
    const res = await w.alice.post<ErrorBody>('/api/v1/events/', eventBody(overrides));
    expect(res.status).toBe(400);
    expect(res.body.fields?.map((f) => f.field)).toContain(field);
    expect(await countEvents()).toBe(before);
  });

  it('uses the original messages for the end time and ATT&CK rules', async () => {
    const end = await w.alice.post<ErrorBody>(
      '/api/v1/events/',
      eventBody({ timestamp_end: '2026-01-01T00:00:00Z' }),
    );
    expect(end.body.fields).toEqual([
      { field: 'timestamp_end', message: 'Timestamp End can not be before Timestamp' },
    ]);
    const attack = await w.alice.post<ErrorBody>(
      '/api/v1/events/',
      eventBody({ mitre_attack_technique: 'T1021' }),
    );
    expect(attack.body.message).toContain("Can't define a MITRE ATT&CK Technique without a Tactic");
  });

  it('keeps the operator on a PUT without one, and resets the other optional fields', async () => {
    const e = await createEvent(w.alice, { operator: 'carol', outcome: 'kept?', tags: ['t1'] });
    expect(e.operator).toBe('carol');
    const res = await w.alice.put<EventDto>(
      `/api/v1/events/${e.id}/`,
      eventBody({ description: 'Replaced' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      operator: 'carol',
      description: 'Replaced',
      outcome: '',
      version: 2,
      tags: ['t1'],
    });
    expect(res.headers.get('etag')).toBe('"2"');
  });

  it('patches only the fields sent and validates the result as a whole', async () => {
    const e = await createEvent(w.alice, { mitre_attack_tactic: 'TA0008', mitre_attack_technique: 'T1021' });
    const ok = await w.alice.patch<EventDto>(`/api/v1/events/${e.id}/`, { outcome: 'Blocked', tags: [] });
    expect(ok.body).toMatchObject({
      outcome: 'Blocked',
      description: e.description,
      mitre_attack_technique: 'T1021',
      tags: [],
    });
    const bad = await w.alice.patch<ErrorBody>(`/api/v1/events/${e.id}/`, { mitre_attack_tactic: 'TA0001' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('mitre_attack_technique');
    const end = await w.alice.patch<ErrorBody>(`/api/v1/events/${e.id}/`, {
      timestamp_end: '2020-01-01T00:00:00Z',
    });
    expect(end.body.fields?.[0]?.field).toBe('timestamp_end');
  });

  it('answers a stale If-Match with 409 and the current record; a fresh one or none applies', async () => {
    const e = await createEvent(w.alice);
    const first = await w.alice.patch<EventDto>(
      `/api/v1/events/${e.id}/`,
      { outcome: 'one' },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    const stale = await w.alice.patch<ErrorBody>(
      `/api/v1/events/${e.id}/`,
      { outcome: 'two' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.details?.current).toMatchObject({ id: e.id, outcome: 'one', version: 2 });
    const stalePut = await w.alice.put(`/api/v1/events/${e.id}/`, eventBody(), { 'if-match': 'W/"1"' });
    expect(stalePut.status).toBe(409);
    const blind = await w.alice.patch<EventDto>(`/api/v1/events/${e.id}/`, { outcome: 'three' });
    expect(blind.body).toMatchObject({ outcome: 'three', version: 3 });
    const garbage = await w.alice.patch<ErrorBody>(
      `/api/v1/events/${e.id}/`,
      { outcome: 'x' },
      { 'if-match': 'nope' },
    );
    expect(garbage.status).toBe(400);
  });

  it('deletes: the event is 404 for everyone afterwards, and a second delete is 404', async () => {
    const e = await createEvent(w.alice);
    expect((await w.blue.del(`/api/v1/events/${e.id}/`)).status).toBe(403);
    expect((await w.alice.del(`/api/v1/events/${e.id}/`)).status).toBe(204);
    for (const c of [w.alice, w.admin, w.blue])
      expect((await c.get(`/api/v1/events/${e.id}/`)).status).toBe(404);
    expect((await w.alice.patch(`/api/v1/events/${e.id}/`, { outcome: 'x' })).status).toBe(404);
    expect((await w.alice.del(`/api/v1/events/${e.id}/`)).status).toBe(404);
  });

  it('hides other engagements: their events are 404, never 403', async () => {
    const e = await createEvent(w.alice);
    expect((await w.bob.get(`/api/v1/events/${e.id}/`)).status).toBe(404);
    expect((await w.bob.patch(`/api/v1/events/${e.id}/`, { outcome: 'x' })).status).toBe(404);
    expect((await w.bob.del(`/api/v1/events/${e.id}/`)).status).toBe(404);
    expect((await w.bob.post(`/api/v1/events/${e.id}/star/`)).status).toBe(404);
  });

  it('toggles the star (POST), or sets it, without bumping the version; read-only users may not', async () => {
    const e = await createEvent(w.alice);
    const on = await w.alice.post<EventDto>(`/api/v1/events/${e.id}/star/`);
    expect(on.body).toMatchObject({ starred: true, version: 1 });
    const off = await w.alice.post<EventDto>(`/api/v1/events/${e.id}/star/`);
    expect(off.body.starred).toBe(false);
    expect(
      (await w.alice.post<EventDto>(`/api/v1/events/${e.id}/star/`, { starred: true })).body.starred,
    ).toBe(true);
    expect(
      (await w.alice.post<EventDto>(`/api/v1/events/${e.id}/star/`, { starred: true })).body.starred,
    ).toBe(true);
    expect((await w.blue.post(`/api/v1/events/${e.id}/star/`)).status).toBe(403);
    expect((await w.limited.post(`/api/v1/events/${e.id}/star/`)).status).toBe(403);
  });

  it('lets the limited role change only outcome, Detected and Prevented, whatever is posted', async () => {
    const e = await createEvent(w.alice, { tags: ['keep'] });
    const res = await w.limited.patch<EventDto>(`/api/v1/events/${e.id}/limited/`, {
      outcome: 'Seen in the SIEM',
      detected: 'FUL',
      prevented: 'PAR',
      description: 'tampered',
      timestamp: '2020-01-01T00:00:00Z',
      tags: [],
      operator: 'limited',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'Seen in the SIEM',
      detected: 'FUL',
      prevented: 'PAR',
      description: e.description,
      timestamp: e.timestamp,
      tags: ['keep'],
      operator: 'alice',
      version: 2,
    });
    expect(res.headers.get('x-ignored-fields')).toBe('description, timestamp, tags, operator');
    expect((await w.limited.patch(`/api/v1/events/${e.id}/`, { outcome: 'x' })).status).toBe(403);
    expect((await w.limited.put(`/api/v1/events/${e.id}/`, eventBody())).status).toBe(403);
    expect((await w.limited.post('/api/v1/events/', eventBody())).status).toBe(403);
    expect((await w.blue.patch(`/api/v1/events/${e.id}/limited/`, { detected: 'FUL' })).status).toBe(403);
    const bad = await w.limited.patch<ErrorBody>(`/api/v1/events/${e.id}/limited/`, { detected: 'MAYBE' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('detected');
  });

  it('appends event.created, updated, detection_changed and deleted to the outbox', async () => {
    const db = w.server.ctx.database.db;
    const e = await createEvent(w.alice);
    await w.alice.patch(`/api/v1/events/${e.id}/`, { outcome: 'x' });
    await w.alice.patch(`/api/v1/events/${e.id}/`, { detected: 'FUL' });
    await w.alice.del(`/api/v1/events/${e.id}/`);
    const rows = await db
      .selectFrom('domain_event')
      .select(['type', 'payload'])
      .where('type', 'like', 'event.%')
      .orderBy('id')
      .execute();
    const mine = rows.filter((r) => JSON.parse(r.payload).eventId === e.id).map((r) => r.type);
    expect(mine).toEqual([
      'event.created',
      'event.updated',
      'event.updated',
      'event.detection_changed',
      'event.deleted',
    ]);
  });

  it('keeps archived engagements read-only', async () => {
    const e = await createEvent(w.admin, { engagement: 'BETA' });
    await w.server.ctx.database.db
      .updateTable('engagement')
      .set({ archived: 1 })
      .where('code', '=', 'BETA')
      .execute();
    try {
      expect((await w.admin.post('/api/v1/events/', eventBody({ engagement: 'BETA' }))).status).toBe(409);
      expect((await w.admin.patch(`/api/v1/events/${e.id}/`, { outcome: 'x' })).status).toBe(409);
      expect((await w.admin.get(`/api/v1/events/${e.id}/`)).status).toBe(200);
    } finally {
      await w.server.ctx.database.db
        .updateTable('engagement')
        .set({ archived: 0 })
        .where('code', '=', 'BETA')
        .execute();
    }
  });

  it('requires authentication, and takes a JWT as well as the session', async () => {
    const res = await fetch(`${w.server.url}/api/v1/events/`);
    expect(res.status).toBe(401);
    const { access } = await obtainTokens(w.server.url, 'alice');
    const api = bearer(w.server.url, access);
    const created = await api.post<EventDto>('/api/v1/events/', eventBody({ description: 'Via JWT' }));
    expect(created.status).toBe(201);
    expect(created.body.operator).toBe('alice');
    expect((await api.get<EventDto>(`/api/v1/events/${created.body.id}/`)).body.description).toBe('Via JWT');
  });
});

describe.each(testDialects())('event API body limit on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect, { MAX_BODY_MB: '1' });
  });
  afterAll(() => w?.stop());

  it('stores raw evidence up to MAX_BODY_MB and refuses a larger body with 413', async () => {
    const big = 'A1b2 '.repeat(180_000); // 900 KB of short words
    const e = await createEvent(w.alice, { raw_evidence: big });
    expect((await w.alice.get<EventDto>(`/api/v1/events/${e.id}/`)).body.raw_evidence).toHaveLength(
      big.length,
    );
    const res = await w.alice.post('/api/v1/events/', eventBody({ raw_evidence: 'x'.repeat(1_200_000) }));
    expect(res.status).toBe(413);
  });
});
