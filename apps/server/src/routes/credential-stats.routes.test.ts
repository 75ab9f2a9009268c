import { buildStatsVault, statsVaultHash as H } from '@steppingstones/core/credential-analytics';
import { testDialects } from '@steppingstones/db/testing';
import type { CredentialStatsDto } from '@steppingstones/shared/credential-stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';

describe.each(testDialects())('password statistics and cracking aids on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  let outsider: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const sta = await createTestEngagement(server.ctx, 'STA');
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['STA'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['STA'] });
    await createTestUser(server.ctx, { username: 'out', role: 'operator', engagements: ['OTHER'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
    outsider = await login(server.url, 'out');
    await buildStatsVault(server.ctx, sta.id, 'STA');
    server.ctx.clock.now = () => Date.UTC(2026, 4, 17, 9, 30, 5);
  });
  afterAll(() => server?.stop());

  it('computes every figure of the vault as counted by hand', async () => {
    const res = await op.get<CredentialStatsDto>('/api/v1/credentials/stats/?engagement=STA');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      engagement: 'STA',
      // users: alice bob carol dave erin + administrator on WS02 and WS03; machines WS01$ SRV$
      unique_user_accounts: 7,
      cracked_user_accounts: 4,
      unique_machine_accounts: 2,
      cracked_machine_accounts: 1,
      password_is_username: 1,
      hash_types: [
        { hash_type: 1000, name: 'NTLM', count: 9, cracked: 5 },
        { hash_type: 3000, name: 'LM', count: 1, cracked: 1 },
      ],
      // alice's earlier Summer2023! is not a second user of Summer2024!; bob is
      reused: [{ secret: 'Summer2024!', accounts: 2 }],
      lengths: [
        { length: 3, count: 1 },
        { length: 4, count: 1 },
        { length: 5, count: 1 },
        { length: 11, count: 2 },
        { length: null, count: 4 },
      ],
      complexity: [
        { value: 'uncracked', count: 4 },
        { value: 'mixed+special+digit', count: 2 },
        { value: 'lower+special+digit', count: 1 },
        { value: 'mixed alpha', count: 1 },
        { value: 'mixed+digit', count: 1 },
      ],
      structure: [
        { value: 'uncracked', count: 4 },
        { value: 'Letters..Numbers..Symbols', count: 3 },
        { value: 'Letters', count: 1 },
        { value: 'Letters..Numbers', count: 1 },
      ],
      // Summer2024! and the earlier Summer2023! both reduce to Summer
      prefixes: [{ value: 'Summer', count: 2 }],
      suffixes: [],
      masks: [
        { mask: '?u?l?l?l?l?l?d?d?d?d?s', count: 3, keyspace: 26 ** 6 * 10 ** 4 * 33 },
        { mask: '?l?d?s', count: 1, keyspace: 8580 },
        { mask: '?u?l?l?l', count: 1, keyspace: 26 ** 4 },
        { mask: '?u?l?l?l?d', count: 1, keyspace: 26 ** 4 * 10 },
        { mask: '?u?u?u?u?d', count: 1, keyspace: 26 ** 4 * 10 },
      ],
      weakest: [
        { secret: 'Summer2024!', hash_type: 1000, breach_count: 5000, accounts: 2 },
        { secret: null, hash_type: 1000, breach_count: 20, accounts: 1 },
      ],
      breached_user_accounts: 3,
      breached_machine_accounts: 0,
      // dave, WS01$, SRV$ and the two administrators have no breach count yet
      breach_checks_pending: 5,
      reuse_across_systems: {
        accounts: 1,
        cracked: 0,
        rows: [{ account: 'administrator', cracked: false, systems: ['WS02', 'WS03'] }],
      },
    });
  });

  it('honours the filter in the request', async () => {
    const res = await op.get<CredentialStatsDto>('/api/v1/credentials/stats?engagement=STA&system=corp');
    expect(res.body).toMatchObject({
      unique_user_accounts: 5,
      cracked_user_accounts: 4,
      unique_machine_accounts: 2,
      reuse_across_systems: null,
    });
    const lmOnly = await op.get<CredentialStatsDto>(
      '/api/v1/credentials/stats?engagement=STA&hash_type=3000',
    );
    expect(lmOnly.body).toMatchObject({
      unique_user_accounts: 1,
      cracked_user_accounts: 1,
      password_is_username: 0,
    });
  });

  it('serves each cracking aid as plain text, named and audited', async () => {
    const aid = async (path: string) => {
      const res = await op.get<string>(`/api/v1/credentials/aids/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      return { lines: res.body === '' ? [] : res.body.replace(/\n$/, '').split('\n'), headers: res.headers };
    };
    const hashes = await aid('uncracked-hashes/?engagement=STA&hash_type=1000');
    expect(hashes.lines.sort()).toEqual([H(3), H(5), H(9)]);
    expect(hashes.headers.get('content-disposition')).toContain(
      'STA-uncracked-hashes-1000-20260517-093005.txt',
    );
    expect((await aid('pwdump?engagement=STA')).lines.sort()).toEqual(
      [
        `CORP\\carol::${EMPTY_LM}:${H(3)}:::`,
        `CORP\\WS01$::${EMPTY_LM}:${H(5)}:::`,
        `WS02\\administrator::${EMPTY_LM}:${H(9)}:::`,
        `WS03\\Administrator::${EMPTY_LM}:${H(9)}:::`,
      ].sort(),
    );
    expect((await aid('known-secrets?engagement=STA')).lines.sort()).toEqual(
      ['Summer2024!', 'Summer2023!', 'Dave', 'x9!', 'ERIN1', 'Erin1'].sort(),
    );
    expect((await aid('parts?engagement=STA&kind=letters')).lines.sort()).toEqual([
      'Dave',
      'ERIN',
      'Erin',
      'Summer',
    ]);
    expect((await aid('parts?engagement=STA&kind=numbers&format=rule')).lines.sort()).toEqual(
      ['$1', '$2$0$2$3', '$2$0$2$4', '$9'].sort(),
    );
    expect((await aid('parts?engagement=STA&kind=symbols')).lines).toEqual(['!']);
    expect((await aid('prefixes?engagement=STA')).lines).toEqual(['Summer', 'ERIN', 'Erin', 'x']);
    expect((await aid('suffixes?engagement=STA')).lines).toEqual([]);
    const masks = await aid('masklist?engagement=STA');
    expect(masks.lines).toEqual(['?l?d?s', '?u?l?l?l', '?u?l?l?l?d', '?u?u?u?u?d', '?u?l?l?l?l?l?d?d?d?d?s']);
    expect(masks.headers.get('content-disposition')).toMatch(/STA-masklist-20260517-093005\.hcmask/);
    expect((await aid('masklist?engagement=STA&min_length=8')).lines).toEqual(['?u?l?l?l?l?l?d?d?d?d?s']);
    expect((await aid('suffix-masks?engagement=STA')).lines).toEqual(['?d', '?d?s', '?d?d?d?d?s']);
    expect((await aid('prefix-masks?engagement=STA')).lines).toEqual([]);
    const words = (await aid('wordlist?engagement=STA&system=CORP')).lines;
    expect(words).toEqual(
      expect.arrayContaining(['Summer2024!', 'Summer', 'alice', 'CORP', 'Dave', 'WS01$', 'WS01']),
    );
    expect(words).not.toContain('WS02');
    const audit = await server.ctx.database.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'credential.aid_downloaded')
      .execute();
    expect(audit.map((a) => a.target)).toContain('pwdump');
  });

  it('serves the credential report plugins to the red team only', async () => {
    const base = '/api/v1/credential-reports/credential-reports';
    const summary = await op.get<string>(`${base}/markdown-credential-summary/?engagement=STA`);
    expect(summary.status).toBe(200);
    expect(summary.body).toContain('Secrets recovered for 4 of 7 (57.1%) unique user accounts.');
    expect(summary.body).not.toContain('Summer2024!');
    const html = await op.get<string>(`${base}/html-cracked-accounts/?engagement=STA`);
    expect(html.status).toBe(200);
    expect(html.body).toContain('S*********!');
    const png = await op.get(`${base}/png-password-lengths/?engagement=STA&format=png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await blue.get(`${base}/markdown-credential-summary/?engagement=STA`)).status).toBe(403);
    expect((await blue.get(`${base}/html-cracked-accounts/?engagement=STA`)).status).toBe(403);
    expect((await outsider.get(`${base}/markdown-credential-summary/?engagement=STA`)).status).toBe(404);
  });

  it('applies the vault filter in the URL to the credential reports', async () => {
    const base = '/api/v1/credential-reports/credential-reports';
    const corp = await op.get<string>(`${base}/markdown-credential-summary/?engagement=STA&system=corp`);
    expect(corp.status).toBe(200);
    expect(corp.body).toContain('Secrets recovered for 4 of 5 (80%) unique user accounts.');
    const dave = await op.get<string>(`${base}/html-cracked-accounts/?engagement=STA&account=dave`);
    expect(dave.status).toBe(200);
    expect(dave.body).toContain('D**e');
    expect(dave.body).not.toContain('S*********!');
    const uncracked = await op.get<string>(`${base}/html-cracked-accounts/?engagement=STA&cracked=false`);
    expect(uncracked.body).not.toContain('D**e');
    const badType = await op.get<{ errors: Array<{ field: string }> }>(
      `${base}/markdown-credential-summary/?engagement=STA&hash_type=NTLM`,
    );
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body)).toContain('hash_type');
    // The event grid's filter keys are not the vault's.
    expect((await op.get(`${base}/markdown-credential-summary/?engagement=STA&tag=phishing`)).status).toBe(
      400,
    );
  });

  it('lets a lead switch breach checks on for the engagement (off by default)', async () => {
    await createTestUser(server.ctx, { username: 'lead', role: 'lead', engagements: ['STA'] });
    const lead = await login(server.url, 'lead');
    expect((await lead.get<{ breach_checks: boolean }>('/api/v1/engagements/STA/')).body.breach_checks).toBe(
      false,
    );
    expect((await op.request('PATCH', '/api/v1/engagements/STA/', { breach_checks: true })).status).toBe(403);
    const on = await lead.request<{ breach_checks: boolean }>('PATCH', '/api/v1/engagements/STA/', {
      breach_checks: true,
    });
    expect(on.status).toBe(200);
    expect(on.body.breach_checks).toBe(true);
    const off = await lead.request<{ breach_checks: boolean }>('PATCH', '/api/v1/engagements/STA/', {
      breach_checks: false,
    });
    expect(off.body.breach_checks).toBe(false);
  });

  it('refuses the blue team and outsiders and names bad parameters', async () => {
    expect((await blue.get('/api/v1/credentials/stats?engagement=STA')).status).toBe(403);
    expect((await blue.get('/api/v1/credentials/aids/known-secrets?engagement=STA')).status).toBe(403);
    expect((await outsider.get('/api/v1/credentials/stats?engagement=STA')).status).toBe(404);
    expect((await outsider.get('/api/v1/credentials/aids/pwdump?engagement=STA')).status).toBe(404);
    const noMode = await op.get<{ errors?: unknown }>(
      '/api/v1/credentials/aids/uncracked-hashes?engagement=STA',
    );
    expect(noMode.status).toBe(400);
    expect(JSON.stringify(noMode.body)).toContain('hash_type');
    const badName = await op.get('/api/v1/credentials/aids/rainbow?engagement=STA');
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body)).toContain('name');
    expect((await op.get('/api/v1/credentials/aids/parts?engagement=STA&kind=words')).status).toBe(400);
  });
});
