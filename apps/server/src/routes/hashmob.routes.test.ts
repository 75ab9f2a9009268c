import { inTransaction } from '@steppingstones/core';
import { ingestFindings } from '@steppingstones/core/credentials';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  bearer,
  createTestEngagement,
  createTestUser,
  login,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const submit = (url: string, apiKey: string, founds: string[]) =>
  fetch(new URL('/api/hashmob/v2/submit', url), {
    method: 'POST',
    headers: { 'api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ algorithm: 1000, founds }),
  });
const keyOf = (ini: string) => /api_key = (\S+)/.exec(ini)?.[1] ?? '';

describe.each(testDialects())('HashMob-compatible API on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const e = await createTestEngagement(server.ctx, 'HM');
    await createTestEngagement(server.ctx, 'HM2');
    await createTestUser(server.ctx, { username: 'cracker', role: 'operator', engagements: ['HM', 'HM2'] });
    op = await login(server.url, 'cracker');
    await writeTransaction(server.ctx.database.db, (tx) =>
      ingestFindings(inTransaction(server.ctx.services(), tx), {
        engagementId: e.id,
        findings: [
          {
            system: 'CORP',
            account: 'bob',
            hash: NT,
            hashType: 1000,
            secret: null,
            purpose: '',
            source: 't',
          },
        ],
        origin: {},
        actor: { userId: null, username: 'cli' },
      }),
    );
  });
  afterAll(() => server?.stop());

  it('gives an INI whose token submits cracks to that engagement only; a new download revokes the old token', async () => {
    const res = await op.get<string>('/api/v1/credentials/hashmob-config.ini?engagement=HM');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(
      /^\[API\]\napi_endpoint = http:\/\/127\.0\.0\.1:\d+\/api\/hashmob\/v2\/submit\napi_key = sst_\S+\nresubmission_delay = 60\n$/,
    );
    const key = keyOf(res.body);
    const ok = await submit(server.url, key, [`${NT.toUpperCase()}:Password1`, 'ffff:nothing']);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ cracked_hashes: 1, accounts: 1, unmatched: 1 });
    const list = await op.get<{ results: Array<{ secret: string | null }> }>(
      '/api/v1/credentials/?engagement=HM&reveal=true',
    );
    expect(list.body.results[0]?.secret).toBe('Password1');
    // The token holds credential.change alone: it cannot even read the vault it feeds.
    expect((await bearer(server.url, key).get('/api/v1/credentials/?engagement=HM')).status).toBe(403);
    // Minting another revokes the first.
    const second = keyOf((await op.get<string>('/api/v1/credentials/hashmob-config.ini?engagement=HM')).body);
    expect((await submit(server.url, key, [`${NT}:x`])).status).toBe(401);
    expect((await submit(server.url, second, [])).status).toBe(200);
    const audit = await server.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'credential.hashmob_config')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('needs an interactive sign-in to mint a token, and a key to submit', async () => {
    expect(
      (
        await bearer(server.url, `sst_${'x'.repeat(40)}`).get(
          '/api/v1/credentials/hashmob-config.ini?engagement=HM',
        )
      ).status,
    ).toBe(401);
    const key = keyOf((await op.get<string>('/api/v1/credentials/hashmob-config.ini?engagement=HM')).body);
    expect(
      (await bearer(server.url, key).get('/api/v1/credentials/hashmob-config.ini?engagement=HM')).status,
    ).toBe(403);
    const { access } = await obtainTokens(server.url, 'cracker');
    expect(
      (await bearer(server.url, access).get('/api/v1/credentials/hashmob-config.ini?engagement=HM')).status,
    ).toBe(200);
    const anonymous = await fetch(new URL('/api/hashmob/v2/submit', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ algorithm: 0, founds: [] }),
    });
    expect(anonymous.status).toBe(401);
  });
});
