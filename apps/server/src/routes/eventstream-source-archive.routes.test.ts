import { buildZip, c2TarGz } from '@steppingstones/core/c2/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const SOURCE = 'source=eventstream-sources:bash-history&param.host=web01&param.user=root';

/**
 * A source given an archive (a .zip or .tar.gz of files, as collected from many hosts) reads it file by
 * file with the safe archive reader: files it understands import, the others and paths leaving the
 * archive are listed as rejected by their path, and an archive with nothing it understands imports nothing.
 */
describe.each(testDialects())('EventStream sources over archives on %s', (dialect) => {
  let server: TestServer;
  let token = '';

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'ARCH');
    await createTestUser(server.ctx, { username: 'red', role: 'operator', engagements: ['ARCH'] });
    token = (await obtainTokens(server.url, 'red')).access;
  });
  afterAll(() => server.stop());

  const post = async (query: string, body: Buffer) => {
    const res = await fetch(`${server.url}/api/v1/eventstream/imports/?engagement=ARCH&${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const evidence = async () =>
    (
      await server.ctx.database.db
        .selectFrom('eventstream_line')
        .select('raw_evidence')
        .orderBy('raw_evidence')
        .execute()
    ).map((r) => r.raw_evidence);

  it('imports every history of a zip and names the file it could not read', async () => {
    const zip = buildZip({
      'web01/.bash_history': '#1700000000\nwhoami\n#1700000060\nid\n',
      'web02/.zsh_history': ': 1700000100:0;uname -a\n',
      'README.txt': 'collected by the red team\n',
      '__MACOSX/._README.txt': 'resource fork',
    });
    const res = await post(`${SOURCE}&filename=histories.zip`, zip);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 3, duplicates: 0 });
    const rejected = res.body.rejected as Array<{ reason: string }>;
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatch(/^README\.txt: .*no timestamps found/);
    expect(await evidence()).toEqual(['id', 'uname -a', 'whoami']);
  });

  it('reads a .tar.gz the same way and refuses a member whose path leaves the archive', async () => {
    const tgz = await c2TarGz({ 'root/.bash_history': '#1700000200\ncat /etc/shadow\n' });
    const res = await post(`${SOURCE}&filename=histories.tar.gz`, tgz);
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(1);
    const reasons = (res.body.rejected as Array<{ reason: string }>).map((r) => r.reason);
    expect(reasons).toEqual([
      expect.stringMatching(/^\.\.\/outside\/beacon_1\.log: the path leaves the archive/),
    ]);
  });

  it('imports nothing from an archive with no file the source understands', async () => {
    const before = await evidence();
    const res = await post(`${SOURCE}&filename=notes.zip`, buildZip({ 'notes.txt': 'ls\ncd /\n' }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(
      /no file of the archive notes\.zip could be read.*Nothing was imported/,
    );
    expect(await evidence()).toEqual(before);
  });
});
