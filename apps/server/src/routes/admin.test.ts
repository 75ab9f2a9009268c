import fs from 'node:fs';
import path from 'node:path';
import { verifySqliteBackup } from '@steppingstones/core/backup';
import { DELIVER_TASK, fanOutWebhooks } from '@steppingstones/core/webhooks';
import { testDialects } from '@steppingstones/db/testing';
import { ROLE_NAMES, ROLE_PERMISSIONS } from '@steppingstones/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../testing/index.ts';

describe.each(testDialects())('admin API on %s', (dialect) => {
  let server: TestServer;
  let root: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'ALPHA');
    await createTestEngagement(server.ctx, 'BRAVO');
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    root = await login(server.url, 'root');
  });
  afterAll(() => server.stop());

  it('lists the four roles with exactly the documented codes', async () => {
    const res = await root.get<{ results: Array<{ slug: string; name: string; permissions: string[] }> }>(
      '/api/v1/roles/',
    );
    const byName = Object.fromEntries(res.body.results.map((g) => [g.name, [...g.permissions].sort()]));
    expect(res.body.results.map((r) => r.slug)).toEqual([
      'lead',
      'operator',
      'blue-limited-write',
      'blue-read-only',
    ]);
    for (const [slug, codes] of Object.entries(ROLE_PERMISSIONS))
      expect(byName[ROLE_NAMES[slug as keyof typeof ROLE_NAMES]]).toEqual([...codes].sort());
    expect(byName['Client Blue Team - Read Only']).toEqual([
      'context.view',
      'event.view',
      'file.view',
      'report.view',
      'tag.view',
    ]);
    expect(byName['Client Blue Team - Limited Write']).toEqual([
      'context.view',
      'event.change_limited',
      'event.view',
      'file.view',
      'report.view',
      'tag.view',
    ]);
    expect(byName['Red Team Operators']).not.toContain('user.admin');
    // Instance administration is the superuser's: no role grants it.
    for (const code of ['plugin.admin', 'backup.download', 'engagement.add', 'engagement.delete'])
      expect(Object.values(byName).flat()).not.toContain(code);
  });

  it('shows each user only the engagements they belong to; others answer 404', async () => {
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['ALPHA'],
    });
    await createTestUser(server.ctx, { username: 'lead', role: 'lead', engagements: ['ALPHA'] });
    const op = await login(server.url, 'op');
    const lead = await login(server.url, 'lead');
    const list = await op.get<{ count: number; results: Array<{ code: string }> }>('/api/v1/engagements/');
    expect(list.body.results.map((e) => e.code)).toEqual(['ALPHA']);
    expect((await lead.get('/api/v1/engagements/BRAVO/')).status).toBe(404);
    expect((await lead.patch('/api/v1/engagements/BRAVO/', { name: 'x' })).status).toBe(404);
    expect((await lead.get('/api/v1/engagements/ALPHA/members/')).status).toBe(200);
    const all = await root.get<{ results: Array<{ code: string }> }>('/api/v1/engagements/');
    expect(all.body.results.map((e) => e.code).sort()).toEqual(['ALPHA', 'BRAVO']);

    // Membership managed by an admin applies on the user's next request.
    const put = await root.put<{ results: Array<{ username: string; role: string }> }>(
      '/api/v1/engagements/BRAVO/members/',
      { members: [{ username: 'OP', role: 'blue-read-only' }] },
    );
    expect(put.body.results).toMatchObject([{ username: 'op', role: 'blue-read-only' }]);
    const after = await op.get<{ results: Array<{ code: string }> }>('/api/v1/engagements/');
    expect(after.body.results.map((e) => e.code).sort()).toEqual(['ALPHA', 'BRAVO']);
    const unknown = await root.put('/api/v1/engagements/BRAVO/members/', {
      members: [{ username: 'ghost', role: 'operator' }],
    });
    expect(unknown.status).toBe(404);
  });

  it('creates, edits and archives engagements; the creator becomes its lead', async () => {
    await createTestUser(server.ctx, { username: 'planner', superuser: true });
    const planner = await login(server.url, 'planner');
    // Creating engagements is instance administration: a lead cannot.
    const lead = await login(server.url, 'lead');
    const refused = await lead.post('/api/v1/engagements/', {
      code: 'DELTA',
      name: 'Delta',
      start_date: '2026-02-01',
      end_date: '2026-02-28',
    });
    expect(refused.status).toBe(403);
    const created = await planner.post<{ code: string }>('/api/v1/engagements/', {
      code: 'CHARLIE',
      name: 'Charlie',
      start_date: '2026-02-01',
      end_date: '2026-02-28',
    });
    expect(created.status).toBe(201);
    const archived = await planner.patch<{ archived: boolean }>('/api/v1/engagements/CHARLIE/', {
      archived: true,
    });
    expect(archived.body.archived).toBe(true);
    const members = await planner.get<{ results: Array<{ username: string; role: string }> }>(
      '/api/v1/engagements/CHARLIE/members/',
    );
    expect(members.body.results).toEqual([{ username: 'planner', display_name: '', role: 'lead' }]);
    const me = await planner.get<{ user: { engagements: Array<{ code: string; role: string | null }> } }>(
      '/api/v1/auth/me/',
    );
    expect(me.body.user.engagements.find((e) => e.code === 'CHARLIE')).toMatchObject({
      archived: true,
      role: 'lead',
    });
  });

  it('purges an engagement only for a superuser who types its code, leaving an audit record', async () => {
    const doomed = await createTestEngagement(server.ctx, 'DOOMED');
    await createTestUser(server.ctx, { username: 'deleter', role: 'lead', engagements: ['DOOMED'] });
    const deleter = await login(server.url, 'deleter');
    // Something in every table an engagement fills: events with contexts, tags, a file and an edit (history).
    const eventIn = async (engagement: string, description: string) => {
      const res = await root.post<{ id: number }>('/api/v1/events/', {
        engagement,
        timestamp: '2026-03-01T10:00:00Z',
        source: { host: 'WS01', user: 'op', process: 'beacon.exe' },
        target: { host: 'DC01' },
        description,
        tags: ['Recon'],
        files: [{ filename: 'implant.dll', size: 10, md5: '0123456789abcdef0123456789abcdef' }],
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const doomedEvent = await eventIn('DOOMED', 'Purgeable secret sauce');
    expect((await root.patch(`/api/v1/events/${doomedEvent}/`, { outcome: 'edited' })).status).toBe(200);
    const keptEvent = await eventIn('ALPHA', 'Kept secret sauce');
    // A webhook's messages about both engagements, queued as the worker queues them (their text quotes
    // the descriptions).
    const now = Date.now() - 60_000;
    await server.ctx.database.db
      .insertInto('webhook')
      .values({
        url: 'https://chat.example/hook',
        secret: '',
        types: JSON.stringify(['event created', 'event updated']),
        enabled: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await fanOutWebhooks(server.ctx.services());
    const webhookBodies = async () =>
      (
        await server.ctx.database.db
          .selectFrom('job')
          .select('payload')
          .where('task', '=', DELIVER_TASK)
          .execute()
      )
        .map((j) => (JSON.parse(j.payload) as { body: string }).body)
        .join('\n');
    expect(await webhookBodies()).toContain('Purgeable secret sauce');
    expect(await webhookBodies()).toContain('Kept secret sauce');
    expect((await deleter.post('/api/v1/engagements/DOOMED/purge/', { confirm_code: 'DOOMED' })).status).toBe(
      403,
    );
    const typo = await root.post('/api/v1/engagements/DOOMED/purge/', { confirm_code: 'doomed' });
    expect(typo.status).toBe(400);
    expect((await root.post('/api/v1/engagements/DOOMED/purge/', { confirm_code: 'DOOMED' })).status).toBe(
      204,
    );
    expect((await root.get('/api/v1/engagements/DOOMED/')).status).toBe(404);
    const members = await server.ctx.database.db
      .selectFrom('engagement_member')
      .selectAll()
      .where('engagement_id', '=', doomed.id)
      .execute();
    expect(members).toEqual([]);
    const db = server.ctx.database.db;
    for (const table of ['event', 'context', 'tag', 'file', 'event_revision', 'domain_event'] as const) {
      const left = await db
        .selectFrom(table)
        .select('engagement_id')
        .where('engagement_id', '=', doomed.id)
        .execute();
      expect(left, `${table} rows of the purged engagement`).toEqual([]);
    }
    // Its webhook messages go too; the other engagement's stay queued.
    expect(await webhookBodies()).not.toContain('Purgeable');
    expect(await webhookBodies()).toContain('Kept secret sauce');
    // Its search index rows go too; the other engagement keeps its data.
    const indexed =
      dialect === 'sqlite'
        ? sql`select rowid from event_fts where event_fts match 'purgeable'`
        : sql`select event_id from event_search where event_id = ${doomedEvent}`;
    expect((await indexed.execute(db)).rows).toEqual([]);
    const found = await root.get<{ results: Array<{ id: number }> }>(
      '/api/v1/events/?engagement=ALPHA&search=sauce',
    );
    expect(found.body.results.map((e) => e.id)).toEqual([keptEvent]);
    expect((await root.get(`/api/v1/events/${doomedEvent}/`)).status).toBe(404);
    const me = await deleter.get<{ user: { engagements: unknown[] } }>('/api/v1/auth/me/');
    expect(me.body.user.engagements).toEqual([]);
    const audit = await root.get<{ results: Array<{ actor: string; target: string }> }>(
      '/api/v1/audit/?action=engagement.purged',
    );
    expect(audit.body.results).toMatchObject([{ actor: 'root', target: 'DOOMED' }]);
  });

  it('manages users: create with memberships, edit, list; refuses weak passwords and duplicates', async () => {
    const weak = await root.post('/api/v1/users/', { username: 'newbie', password: 'newbie12345' });
    expect(weak.status).toBe(400);
    const badRole = await root.post('/api/v1/users/', {
      username: 'newbie',
      password: TEST_PASSWORD,
      memberships: [{ engagement: 'ALPHA', role: 'Administrators' }],
    });
    expect(badRole.status).toBe(400);
    const created = await root.post<{
      id: number;
      memberships: Array<{ engagement: string; role: string }>;
      is_active: boolean;
    }>('/api/v1/users/', {
      username: 'newbie',
      password: TEST_PASSWORD,
      display_name: 'New Bie',
      memberships: [{ engagement: 'ALPHA', role: 'blue-limited-write' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      memberships: [{ engagement: 'ALPHA', role: 'blue-limited-write' }],
      is_active: true,
    });
    expect((await root.post('/api/v1/users/', { username: 'NEWBIE', password: TEST_PASSWORD })).status).toBe(
      400,
    );
    const edited = await root.patch<{ display_name: string }>(`/api/v1/users/${created.body.id}/`, {
      display_name: 'Newbie B.',
    });
    expect(edited.body.display_name).toBe('Newbie B.');
    const list = await root.get<{ results: Array<{ username: string }> }>('/api/v1/users/');
    expect(list.body.results.map((u) => u.username)).toContain('newbie');
    const newbie = await login(server.url, 'newbie');
    const me = await newbie.get<{ user: { permissions: string[] } }>('/api/v1/auth/me/');
    expect(me.body.user.permissions).toContain('event.change_limited');
    expect(me.body.user.permissions).not.toContain('credential.view');
    const audit = await root.get<{ results: Array<{ action: string; target: string }> }>(
      '/api/v1/audit/?limit=500',
    );
    const actions = audit.body.results.map((r) => `${r.action} ${r.target}`);
    expect(actions).toContain('user.created newbie');
    expect(actions).toContain('user.updated newbie');
    expect(actions).toContain('engagement.members_changed BRAVO');
  });

  it('shows a lead the audit entries about the engagements they lead, a superuser every entry', async () => {
    await createTestUser(server.ctx, { username: 'alpha-lead', role: 'lead', engagements: ['ALPHA'] });
    await createTestUser(server.ctx, { username: 'mixed', engagements: ['ALPHA', 'BRAVO'] });
    await root.put('/api/v1/engagements/BRAVO/members/', {
      members: [{ username: 'mixed', role: 'operator' }],
    });
    await root.put('/api/v1/engagements/ALPHA/members/', {
      members: [
        { username: 'alpha-lead', role: 'lead' },
        { username: 'mixed', role: 'blue-read-only' },
      ],
    });
    type Page = { count: number; results: Array<{ action: string; target: string }> };
    const alphaLead = await login(server.url, 'alpha-lead');
    const seen = await alphaLead.get<Page>('/api/v1/audit/?limit=500');
    expect(seen.status).toBe(200);
    expect(seen.body.results.map((r) => `${r.action} ${r.target}`)).toContain(
      'engagement.members_changed ALPHA',
    );
    expect(JSON.stringify(seen.body)).not.toMatch(/BRAVO|DOOMED|login/);
    const full = await root.get<Page>('/api/v1/audit/?limit=500');
    expect(full.body.count).toBeGreaterThan(seen.body.count);
    expect(JSON.stringify(full.body)).toContain('BRAVO');
    // A blue team member holds audit.view nowhere.
    const mixed = await login(server.url, 'mixed');
    expect((await mixed.get('/api/v1/audit/')).status).toBe(403);
  });

  it('downloads a backup after re-asking the password (SQLite), or explains pg_dump (PostgreSQL)', async () => {
    const wrong = await root.post('/api/v1/backup/', { password: 'not it' });
    expect(wrong.status).toBe(400);
    const res = await fetch(new URL('/api/v1/backup/', server.url), {
      method: 'POST',
      headers: {
        cookie: root.cookie,
        'x-csrf-token': root.csrfToken,
        origin: server.url,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: TEST_PASSWORD }),
    });
    if (dialect === 'sqlite') {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="steppingstones-.*\.db"/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
      // The download restores: an intact database holding this instance's engagements.
      const file = path.join(server.ctx.config.dataDir, 'downloaded.db');
      fs.writeFileSync(file, bytes);
      expect(verifySqliteBackup(file).engagements).toBeGreaterThanOrEqual(2);
      const audit = await root.get<{ count: number }>('/api/v1/audit/?action=backup.downloaded');
      expect(audit.body.count).toBe(1);
    } else {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('pg_dump');
    }
  });

  it("refuses the backup (every engagement) to a lead, even of every engagement: it is the superuser's", async () => {
    const codes = await server.ctx.database.db.selectFrom('engagement').select('code').execute();
    await createTestUser(server.ctx, {
      username: 'all-lead',
      role: 'lead',
      engagements: codes.map((e) => e.code),
    });
    const allLead = await login(server.url, 'all-lead');
    const refused = await allLead.post<{ message: string }>('/api/v1/backup/', { password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('backup.download');
  });
});
