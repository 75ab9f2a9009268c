import { testDialects } from '@steppingstones/db/testing';
import type { CredentialDetailDto, CredentialDto } from '@steppingstones/shared/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

interface Page {
  count: number | string;
  next: string | null;
  results: CredentialDto[];
}
const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const NT1 = '8846f7eaee8fb117ad06bdd830b7586c';
const NT2 = '0123456789abcdef0123456789abcdef';
const DUMP = [
  '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
  `CORP\\bob:1104:${LM0}:${NT1.toUpperCase()}:::`,
  `CORP\\bob_history0:1104:${LM0}:${NT2}:::`,
  `CORP\\DC01$:1000:${LM0}:${'ab'.repeat(16)}:::`,
  'garbage',
].join('\r\n');

/** A raw upload as the web app sends it: the file as the body, any Content-Type. */
async function upload(c: ApiClient, path: string, body: string, type = 'application/octet-stream') {
  const res = await fetch(new URL(path, c.url), {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, origin: c.url, 'content-type': type },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(testDialects())('credential vault API on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  let outsider: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'VLT');
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['VLT'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['VLT'] });
    await createTestUser(server.ctx, { username: 'out', role: 'operator', engagements: ['OTHER'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
    outsider = await login(server.url, 'out');
  });
  afterAll(() => server?.stop());

  it('imports a dump, lists it masked, reveals with an audit entry, and takes cracks back', async () => {
    const imported = await upload(
      op,
      '/api/v1/credentials/imports/?engagement=VLT&type=secretsdump',
      DUMP,
      'text/plain',
    );
    expect(imported).toEqual({
      status: 200,
      body: {
        new_hashes: 2,
        new_secrets: 0,
        history_hashes: 1,
        duplicates: 0,
        rejected: [{ line: 5, reason: expect.any(String) }],
      },
    });
    const again = await upload(op, '/api/v1/credentials/imports?engagement=VLT&type=secretsdump', DUMP);
    expect(again.body).toMatchObject({ new_hashes: 0, history_hashes: 0, duplicates: 3 });

    const list = await op.get<Page>('/api/v1/credentials/?engagement=VLT&sort=account');
    expect(list.body.count).toBe(2);
    expect(list.body.results.map((r) => [r.account, r.hash_type_name, r.has_secret, r.secret])).toEqual([
      ['bob', 'NTLM', false, null],
      ['DC01$', 'NTLM', false, null],
    ]);
    const bob = list.body.results[0] as CredentialDto;
    const detail = await op.get<CredentialDetailDto>(`/api/v1/credentials/${bob.id}/`);
    expect(detail.body.history).toEqual([
      { position: 0, hash: NT2, hash_type: 1000, has_secret: false, secret: null },
    ]);

    const cracked = await upload(
      op,
      '/api/v1/credentials/cracked/?engagement=VLT',
      `${NT1}:password\n${NT2}:$HEX[c3a9]t\u00e9\n`,
      'text/plain',
    );
    expect(cracked.body).toEqual({ cracked_hashes: 2, accounts: 2, unmatched: 0, rejected: [] });
    const masked = await op.get<Page>('/api/v1/credentials/?engagement=VLT&cracked=true');
    expect(masked.body.results.map((r) => [r.account, r.has_secret, r.secret])).toEqual([
      ['bob', true, null],
    ]);
    const revealed = await op.get<Page>('/api/v1/credentials/?engagement=VLT&cracked=true&reveal=true');
    expect(revealed.body.results[0]?.secret).toBe('password');
    const one = await op.post<CredentialDetailDto>(`/api/v1/credentials/${bob.id}/reveal/`);
    expect(one.body.history[0]?.secret).toBe('été');
    const audit = await server.ctx.database.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'credential.revealed')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.actor, (JSON.parse(a.details) as { count: number }).count])).toEqual([
      ['op', 1],
      ['op', 2],
    ]);
    const systems = await op.get<{ total: number; results: unknown[] }>(
      '/api/v1/credentials/systems/?engagement=VLT',
    );
    expect(systems.body).toEqual({ total: 2, results: [{ system: 'CORP', count: 2 }] });
  });

  it('searches, pages with a cursor, edits, deletes and bulk deletes', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await op.post<CredentialDetailDto>('/api/v1/credentials/', {
        engagement: 'VLT',
        system: 'WEB',
        account: `user${i}`,
        secret: `Pass-${i}`,
        purpose: 'Web Login',
      });
      expect(res.status).toBe(201);
    }
    const dup = await op.post('/api/v1/credentials/', {
      engagement: 'VLT',
      system: 'web',
      account: 'USER0',
      secret: 'Pass-0',
    });
    expect(dup.status).toBe(400);
    const search = await op.get<Page>('/api/v1/credentials/?engagement=VLT&search=web%20user1');
    expect(search.body.results.map((r) => r.account)).toEqual(['user1']);
    const byHash = await op.get<Page>(`/api/v1/credentials/?engagement=VLT&search=${NT1.toUpperCase()}`);
    expect(byHash.body.results.map((r) => r.account)).toEqual(['bob']);
    const first = await op.get<Page>('/api/v1/credentials/?engagement=VLT&system=web&limit=2');
    expect(first.body.results).toHaveLength(2);
    const second = await op.get<Page>(
      new URL(first.body.next as string).pathname + new URL(first.body.next as string).search,
    );
    expect(second.body.results.map((r) => r.account)).toEqual(['user2']);
    const target = second.body.results[0] as CredentialDto;
    const edited = await op.patch<CredentialDetailDto>(`/api/v1/credentials/${target.id}/`, {
      enabled: false,
      purpose: 'VPN',
    });
    expect(edited.body).toMatchObject({ enabled: false, purpose: 'VPN' });
    expect((await op.get<Page>('/api/v1/credentials/?engagement=VLT&enabled=false')).body.count).toBe(1);
    expect((await op.del(`/api/v1/credentials/${target.id}/`)).status).toBe(204);
    const ids = first.body.results.map((r) => r.id);
    expect((await op.post('/api/v1/credentials/bulk-delete/?engagement=VLT', { ids })).body).toEqual({
      deleted: 2,
    });
    expect((await op.get<Page>('/api/v1/credentials/?engagement=VLT&system=WEB')).body.count).toBe(0);
  });

  it('keeps the blue team and other engagements out, and refuses bad input clearly', async () => {
    expect((await blue.get('/api/v1/credentials/?engagement=VLT')).status).toBe(403);
    expect((await upload(blue, '/api/v1/credentials/imports/?engagement=VLT&type=pwdump', 'x')).status).toBe(
      403,
    );
    expect((await outsider.get('/api/v1/credentials/?engagement=VLT')).status).toBe(404);
    const multipart = await upload(
      op,
      '/api/v1/credentials/imports/?engagement=VLT&type=pwdump',
      'x',
      'multipart/form-data; boundary=x',
    );
    expect(multipart.status).toBe(400);
    const badType = await upload(op, '/api/v1/credentials/imports/?engagement=VLT&type=nope', 'x');
    expect(badType.status).toBe(400);
    expect(String(badType.body.message)).toMatch(/type/);
    expect((await op.get('/api/v1/credentials/?engagement=VLT&page_size=5000')).status).toBe(400);
  });

  it('imports a user:hash list with the mode given (async=true queues it for the worker instead)', async () => {
    const res = await upload(
      op,
      '/api/v1/credentials/imports/?engagement=VLT&type=user-hash&hash_type=1000',
      `async:${'cd'.repeat(16)}`,
    );
    expect(res).toMatchObject({ status: 200, body: { new_hashes: 1, rejected: [] } });
  });

  it('exports hashes for hashcat and a CSV with secrets, each export in the audit log with its count', async () => {
    const hashes = await op.get<string>(
      '/api/v1/credentials/export/?engagement=VLT&format=hashcat&cracked=false',
    );
    expect(hashes.status).toBe(200);
    expect(hashes.body.trim().split('\n').sort()).toEqual(['ab'.repeat(16), 'cd'.repeat(16)]);
    expect(hashes.body).not.toContain(NT1.toUpperCase());
    const csv = await op.get<string>('/api/v1/credentials/export/?engagement=VLT&format=csv&system=CORP');
    expect(csv.body.split('\r\n')[0]).toBe('system,account,hash,hash_type,secret,purpose,source,enabled');
    expect(csv.body).toContain('password');
    const audit = await server.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'credential.exported')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toMatchObject([
      { format: 'hashcat', count: 2 },
      { format: 'csv', count: 2, secrets: 1 },
    ]);
    expect((await blue.get('/api/v1/credentials/export/?engagement=VLT')).status).toBe(403);
  });
});
