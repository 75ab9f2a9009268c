import crypto from 'node:crypto';
import { testDialects } from '@steppingstones/db/testing';
import type { EventDto } from '@steppingstones/shared/events';
import { ROLE_PERMISSIONS } from '@steppingstones/shared/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, bearer } from '../testing/index.ts';
import { createEvent, type ErrorBody, type EventWorld, startEventWorld } from './events.fixture.ts';

const M = '«redacted»';
const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const NT2 = 'c4b0e1b10c7ce2c4723b4e2407ef81a2';
const LM = 'aad3b435b51404eeaad3b435b51404ee';
const DUMP = `Administrator:500:${LM}:${NT}:::\nbob:1104:${LM}:${NT2}:::`;

interface Revision {
  diff: Record<string, [unknown, unknown]>;
}

/**
 * Saving what one saw through the mask: every write path puts the hidden values back where their
 * masks still stand, refuses extra masks (400) and undecidable ones (409), both naming the field.
 */
describe.each(testDialects())('saving masked events on %s', { timeout: 300_000 }, (dialect) => {
  let w: EventWorld;
  /** alice's personal token scoped without credential.view: an operator who sees masks. */
  let masked: ApiClient;
  let maskedToken = '';

  /**
   * A personal token of `username` holding every operator code but `without`, written as the token
   * service stores it (sha-256 of the secret).
   */
  async function tokenWithout(username: string, without: string): Promise<string> {
    const db = w.server.ctx.database.db;
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    maskedToken = `sst_${crypto.randomBytes(32).toString('base64url')}`;
    await db
      .insertInto('api_token')
      .values({
        user_id: Number(user.id),
        name: `without ${without}`,
        token_hash: crypto.createHash('sha256').update(maskedToken).digest('hex'),
        prefix: maskedToken.slice(0, 10),
        permissions: JSON.stringify(ROLE_PERMISSIONS.operator.filter((c) => c !== without)),
        engagements: null,
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
        created_at: Date.parse('2026-01-01T00:00:00Z'),
      })
      .execute();
    return maskedToken;
  }
  const real = async (id: number) => (await w.alice.get<EventDto>(`/api/v1/events/${id}/`)).body;

  beforeAll(async () => {
    w = await startEventWorld(dialect);
    masked = bearer(w.server.url, await tokenWithout('alice', 'credential.view'));
  }, 300_000);
  afterAll(() => w?.stop());

  it('keeps the hash when the blue team appends "reviewed" to an outcome (limited edit)', async () => {
    const e = await createEvent(w.alice, { outcome: `Dumped NTLM hash ${NT} from lsass` });
    const seen = (await w.limited.get<EventDto>(`/api/v1/events/${e.id}/`)).body.outcome;
    expect(seen).toBe(`Dumped NTLM hash ${M} from lsass`);
    const res = await w.limited.patch<EventDto>(`/api/v1/events/${e.id}/limited/`, {
      outcome: `${seen} reviewed`,
      detected: 'FUL',
    });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe(`Dumped NTLM hash ${M} from lsass reviewed`);
    expect((await real(e.id)).outcome).toBe(`Dumped NTLM hash ${NT} from lsass reviewed`);
  });

  it('drops a span whose mask the blue team removed; the history keeps it', async () => {
    const e = await createEvent(w.alice, { outcome: `NTLM hash ${NT} and password: Winter2026!` });
    const seen = (await w.limited.get<EventDto>(`/api/v1/events/${e.id}/`)).body.outcome;
    expect(seen).toBe(`NTLM hash ${M} and password: ${M}`);
    const res = await w.limited.patch(`/api/v1/events/${e.id}/limited/`, {
      outcome: `NTLM hash ${M} and password: rotated by the client`,
    });
    expect(res.status).toBe(200);
    expect((await real(e.id)).outcome).toBe(`NTLM hash ${NT} and password: rotated by the client`);
    const history = await w.alice.get<{ results: Revision[] }>(`/api/v1/events/${e.id}/history/`);
    expect(JSON.stringify(history.body.results[0]?.diff.outcome)).toContain('Winter2026!');
  });

  it('refuses more masks than are hidden (400) and an undecidable mask (409), naming the field', async () => {
    const e = await createEvent(w.alice, { outcome: `a NTLM hash ${NT} done\nb NTLM hash ${NT2} done` });
    const extra = await w.limited.patch<ErrorBody>(`/api/v1/events/${e.id}/limited/`, {
      outcome: `${M} ${M} ${M}`,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.fields?.map((f) => f.field)).toEqual(['outcome']);
    const unclear = await w.limited.patch<ErrorBody>(`/api/v1/events/${e.id}/limited/`, {
      outcome: `c NTLM hash ${M} done c`,
    });
    expect(unclear.status).toBe(409);
    expect(unclear.body.message).toMatch(/^outcome: /);
    expect(unclear.body.details).toEqual({ field: 'outcome' });
    expect((await real(e.id)).outcome).toBe(`a NTLM hash ${NT} done\nb NTLM hash ${NT2} done`);
  });

  it('puts every secret back after an operator token without credential.view does GET then PUT', async () => {
    const e = await createEvent(w.alice, {
      description: 'Dumped the SAM with secretsdump',
      raw_evidence: DUMP,
      outcome: 'password: Winter2026!',
      source: { host: 'WS01', user: 'op', process: 'sshpass -p Ctx-Secret-1 ssh root@dc01' },
      tags: ['pw:Tag-Secret-2', 'Recon'],
      files: [
        { filename: 'sam.save', description: `NTLM hash ${NT}`, location: 'C:\\loot\\password=Loc-Secret-3' },
      ],
    });
    const got = await masked.get<EventDto>(`/api/v1/events/${e.id}/`);
    const body = got.body;
    const text = JSON.stringify(body);
    for (const secret of [NT, NT2, 'Winter2026!', 'Ctx-Secret-1', 'Tag-Secret-2', 'Loc-Secret-3'])
      expect(text).not.toContain(secret);
    const put = await masked.put<EventDto>(`/api/v1/events/${e.id}/`, {
      timestamp: body.timestamp,
      source: { host: body.source.host, user: body.source.user, process: body.source.process },
      target: { host: body.target.host, user: body.target.user, process: body.target.process },
      description: `${body.description} (checked)`,
      raw_evidence: body.raw_evidence,
      outcome: body.outcome,
      tags: body.tags,
      files: body.files.map((f) => ({
        file_id: f.file_id,
        filename: f.filename,
        description: f.description,
        location: f.location,
      })),
    });
    expect(put.status).toBe(200);
    const after = await real(e.id);
    expect(after.description).toBe('Dumped the SAM with secretsdump (checked)');
    expect(after.raw_evidence).toBe(DUMP);
    expect(after.outcome).toBe('password: Winter2026!');
    expect(after.source.process).toBe('sshpass -p Ctx-Secret-1 ssh root@dc01');
    expect(after.source.id).toBe(e.source.id);
    expect(after.tags.sort()).toEqual(['pw:Tag-Secret-2', 'Recon'].sort());
    expect(after.files[0], JSON.stringify(after.files)).toMatchObject({
      description: `NTLM hash ${NT}`,
      location: 'C:\\loot\\password=Loc-Secret-3',
    });

    // PATCH of one field through the mask, too.
    const patch = await masked.patch(`/api/v1/events/${e.id}/`, {
      raw_evidence: `${body.raw_evidence}\nnoted`,
    });
    expect(patch.status).toBe(200);
    expect((await real(e.id)).raw_evidence).toBe(`${DUMP}\nnoted`);
    const extra = await masked.patch<ErrorBody>(`/api/v1/events/${e.id}/`, { description: `x ${M}` });
    expect(extra.status).toBe(400);
    expect(extra.body.fields?.map((f) => f.field)).toEqual(['description']);
  });

  it('resolves masked tag names in a bulk edit and refuses a mask that stands for no tag', async () => {
    const e = await createEvent(w.alice, {
      description: 'Bulk target',
      tags: ['pass:Bulk-Secret-4', 'keep'],
    });
    const seen = (await masked.get<EventDto>(`/api/v1/events/${e.id}/`)).body.tags;
    expect(seen).toContain(`pass:${M}`);
    const res = await masked.post('/api/v1/events/bulk/', {
      engagement: 'ACME',
      ids: [e.id],
      expected_count: 1,
      changes: { remove_tags: [`pass:${M}`] },
    });
    expect(res.status).toBe(200);
    expect((await real(e.id)).tags).toEqual(['keep']);
    const bad = await masked.post<ErrorBody>('/api/v1/events/bulk/', {
      engagement: 'ACME',
      ids: [e.id],
      expected_count: 1,
      changes: { add_tags: [`zz:${M}`] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field)).toEqual(['changes.add_tags']);
    expect((await real(e.id)).tags).toEqual(['keep']);
  });

  it('skips a re-imported masked export as the events it came from, never storing the mask', async () => {
    const e = await createEvent(w.alice, {
      timestamp: '2026-05-05T05:05:05Z',
      description: `Import round trip NTLM hash ${NT}`,
      raw_evidence: DUMP,
      source: { host: 'password=Host-Secret-5', user: 'op', process: '' },
    });
    const exported = await (
      await fetch(`${w.server.url}/api/v1/events/export/?engagement=ACME&search=round`, {
        headers: { authorization: `Bearer ${maskedToken}` },
      })
    ).text();
    expect(exported).toContain(M);
    expect(exported).not.toContain(NT);
    const res = await fetch(`${w.server.url}/api/v1/events/import/?engagement=ACME`, {
      method: 'POST',
      body: exported,
      headers: {
        'content-type': 'text/csv',
        authorization: `Bearer ${maskedToken}`,
      },
    });
    const report = (await res.json()) as { added: number; skipped: Array<{ reason: string }> };
    expect(res.status).toBe(200);
    expect(report.added).toBe(0);
    expect(report.skipped.map((s) => s.reason)).toEqual([`the same event already exists (id ${e.id})`]);
    const all = await w.alice.get<{ results: EventDto[] }>('/api/v1/events/?engagement=ACME&search=round');
    expect(all.body.results).toHaveLength(1);
    expect(JSON.stringify(all.body)).not.toContain(M);
  });

  it('puts a context password back when a token without credential.view edits the shared context', async () => {
    const e = await createEvent(w.alice, {
      source: { host: 'WS07', user: 'op', process: 'sshpass -p Ctx-Secret-9 ssh root@dc01' },
    });
    const seen = await masked.get<{ host: string; user: string; process: string }>(
      `/api/v1/contexts/${e.source.id}/`,
    );
    expect(seen.body.process).toBe(`sshpass -p ${M} ssh root@dc01`);
    const patched = await masked.patch<{ context: { host: string; process: string } }>(
      `/api/v1/contexts/${e.source.id}/`,
      { host: 'WS07.corp.local', user: seen.body.user, process: seen.body.process },
    );
    expect(patched.status).toBe(200);
    // The answer is masked for the caller too; the stored value keeps the password.
    expect(patched.body.context).toMatchObject({
      host: 'WS07.corp.local',
      process: `sshpass -p ${M} ssh root@dc01`,
    });
    expect((await real(e.id)).source).toMatchObject({
      host: 'WS07.corp.local',
      process: 'sshpass -p Ctx-Secret-9 ssh root@dc01',
    });
    const extra = await masked.patch<ErrorBody>(`/api/v1/contexts/${e.source.id}/`, {
      host: 'WS07.corp.local',
      user: `${M} ${M}`,
      process: seen.body.process,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.fields?.[0]?.field).toBe('user');
  });
});
