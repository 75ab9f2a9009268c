import { inTransaction } from '@steppingstones/core';
import { ingestFindings } from '@steppingstones/core/credentials';
import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import type { CredentialDto } from '@steppingstones/shared/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

interface Page<T> {
  count: number | string;
  results: T[];
}

describe.each(testDialects())('an event’s credentials and vault accounts on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  let outsider: ApiClient;
  let eventId: number;

  /** An event of LNK, and what its tool output gave the vault. */
  async function eventWithCredentials(description: string, accounts: Array<[string, string, string]>) {
    const db = server.ctx.database.db;
    const event = await createEvent(server.ctx.services(), systemPrincipal(), {
      engagement: 'LNK',
      operator: 'op',
      timestamp: '2026-03-01T10:00:00Z',
      source: { host: 'kali' },
      target: { host: 'dc01' },
      description,
    });
    const engagement = await db
      .selectFrom('engagement')
      .select('id')
      .where('code', '=', 'LNK')
      .executeTakeFirstOrThrow();
    await writeTransaction(db, (tx) =>
      ingestFindings(inTransaction(server.ctx.services(), tx), {
        engagementId: Number(engagement.id),
        findings: accounts.map(([system, account, secret], i) => ({
          system,
          account,
          hash: `${description.length}${i}`.padEnd(32, 'a'),
          hashType: 1000,
          secret,
          purpose: '',
          source: 'mimikatz',
        })),
        origin: { eventId: event.id },
        actor: { userId: null, username: 'op' },
      }),
    );
    return event.id;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'LNK');
    await createTestEngagement(server.ctx, 'ELSE');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['LNK'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['LNK'] });
    await createTestUser(server.ctx, { username: 'out', role: 'operator', engagements: ['ELSE'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
    outsider = await login(server.url, 'out');
    eventId = await eventWithCredentials('sekurlsa::logonpasswords on DC01', [
      ['CORP', 'Administrator', 'Winter2026!'],
      ['CORP', 'svc_sql', 'Sql#1'],
    ]);
    await eventWithCredentials('secretsdump of WS01', [['WS01', 'admin_local', 'x']]);
  });
  afterAll(() => server?.stop());

  it('lists only what the event produced, secrets masked unless revealed', async () => {
    const page = await op.get<Page<CredentialDto>>(`/api/v1/events/${eventId}/credentials/`);
    expect(page.status).toBe(200);
    expect(page.body.count).toBe(2);
    expect(page.body.results.map((c) => [c.system, c.account, c.secret, c.has_secret, c.event])).toEqual([
      ['CORP', 'Administrator', null, true, eventId],
      ['CORP', 'svc_sql', null, true, eventId],
    ]);
    const revealed = await op.get<Page<CredentialDto>>(
      `/api/v1/events/${eventId}/credentials/?reveal=true&sort=-account`,
    );
    expect(revealed.body.results.map((c) => c.secret)).toEqual(['Sql#1', 'Winter2026!']);
  });

  it('is the red team’s: the blue team gets 403, a non-member and a missing event 404', async () => {
    expect((await blue.get(`/api/v1/events/${eventId}/credentials/`)).status).toBe(403);
    expect((await outsider.get(`/api/v1/events/${eventId}/credentials/`)).status).toBe(404);
    expect((await op.get('/api/v1/events/999999/credentials/')).status).toBe(404);
    expect((await blue.get('/api/v1/credentials/accounts/?engagement=LNK&search=adm')).status).toBe(403);
  });

  it('offers vault accounts by prefix for the form’s user fields, SYSTEM\\prefix narrowing the system', async () => {
    const accounts = async (search: string) =>
      (
        await op.get<Page<{ value: string }>>(
          `/api/v1/credentials/accounts/?engagement=LNK&search=${encodeURIComponent(search)}`,
        )
      ).body.results.map((a) => a.value);
    expect(await accounts('ADM')).toEqual(['WS01\\admin_local', 'CORP\\Administrator']);
    expect(await accounts('corp\\adm')).toEqual(['CORP\\Administrator']);
    expect(await accounts('')).toHaveLength(3);
    expect(await accounts('nobody')).toEqual([]);
    expect(await accounts('%')).toEqual([]);
  });
});
