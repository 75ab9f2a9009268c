import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type EventWorld, type Page, startEventWorld } from './events.fixture.ts';

const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const NT2 = 'c4b0e1b10c7ce2c4723b4e2407ef81a2';
const NT3 = '0123456789abcdef0123456789abcdef';
const EMPTY_NT = '31d6cfe0d16ae931b73c59d7e0c089c0';

/** Every secret below is planted in a shape the blue team used to see. */
const SECRETS = [
  NT,
  NT2,
  NT3,
  EMPTY_NT,
  'Cracked-1',
  'Cmd-Secret-2',
  'Prose-Secret-3',
  'Nbsp-Secret-4',
  'Unknown-Secret-5',
  'Desc-Secret-6',
  'Ctx-Secret-7',
  'User-Secret-8',
  'Tag-Secret-9',
  'File-Secret-10',
];

/** Readers without credential.view: nothing they get or search for reveals a secret. */
describe.each(testDialects())('redaction that holds on %s', { timeout: 300_000 }, (dialect) => {
  let w: EventWorld;
  let id: number;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    id = (
      await createEvent(w.alice, {
        description: 'the password for svc_backup is Desc-Secret-6',
        raw_evidence: [
          `${NT}:Cracked-1`,
          `Guest:501::${EMPTY_NT}:::`,
          `NTLM hash ${NT2}`,
          'sshpass -p Cmd-Secret-2 ssh root@dc01',
          'the password for svc_sql is Prose-Secret-3',
          'Password\u00a0: Nbsp-Secret-4',
          '(Unknown User):Unknown-Secret-5',
          `beacon> pth CORP\\admin ${NT3}`,
        ].join('\n'),
        source: { host: 'WS01', user: 'op', process: 'mysql -u root -pCtx-Secret-7' },
        target: { host: 'DC01', user: 'pw: User-Secret-8', process: '' },
        tags: ['creds: Tag-Secret-9', 'Recon'],
        files: [{ filename: 'password=File-Secret-10.txt', description: 'notes' }],
      })
    ).id;
  }, 300_000);
  afterAll(() => w?.stop());

  const leaked = (body: unknown) => {
    const text = (typeof body === 'string' ? body : JSON.stringify(body)).toLowerCase();
    return SECRETS.filter((s) => text.includes(s.toLowerCase()));
  };

  it('shows the operator every secret, and finds them by search', async () => {
    const e = (await w.alice.get<EventDto>(`/api/v1/events/${id}/`)).body;
    expect(leaked(e)).toEqual(SECRETS);
    for (const q of [NT, EMPTY_NT, 'Cmd-Secret-2', 'User-Secret-8']) {
      const found = await w.alice.get<Page>(`/api/v1/events/?engagement=ACME&search=${q}`);
      expect(found.body.results, q).toHaveLength(1);
    }
  });

  it.each(['blue', 'limited'] as const)(
    'masks evidence, contexts, tags and file names for %s',
    async (who) => {
      const c = w[who];
      const e = await c.get<EventDto>(`/api/v1/events/${id}/`);
      expect(e.status).toBe(200);
      expect(leaked(e.body)).toEqual([]);
      expect(e.body.raw_evidence).toContain('Guest:501:');
      expect(e.body.source.process).toBe('mysql -u root -p«redacted»');
      expect(e.body.tags).toContain('Recon');
      expect(e.body.files[0]?.filename).toBe('password=«redacted»');
      for (const path of [
        '/api/v1/events/?engagement=ACME',
        `/api/v1/events/${id}/history/`,
        '/api/v1/contexts/?engagement=ACME',
        `/api/v1/contexts/${e.body.source.id}/`,
        `/api/v1/contexts/${e.body.target.id}/`,
        '/api/v1/contexts/values/?engagement=ACME&field=process',
        '/api/v1/contexts/values/?engagement=ACME&field=user',
        '/api/v1/tags/?engagement=ACME',
        '/api/v1/files/?engagement=ACME',
        '/api/v1/files/known/?engagement=ACME',
        '/api/v1/events/export/?engagement=ACME',
      ]) {
        const res = await c.get(path);
        expect(res.status, path).toBe(200);
        expect(leaked(res.body), path).toEqual([]);
      }
    },
  );

  it.each(['blue', 'limited'] as const)('finds nothing for %s by searching a secret', async (who) => {
    for (const q of SECRETS) {
      const found = await w[who].get<Page>(`/api/v1/events/?engagement=ACME&search=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.results, q).toEqual([]);
    }
    // Words around the secrets are still found.
    const around = await w[who].get<Page>('/api/v1/events/?engagement=ACME&search=sshpass');
    expect(around.body.results.map((e) => e.id)).toEqual([id]);
  });
});
