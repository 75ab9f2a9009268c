import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../permissions/index.ts';
import { createTestContext, type TestContext } from '../../testing/index.ts';
import { arrangeOperator } from '../../testing/test-operator.ts';
import { type DumpImportParams, importDump } from './dump-import.service.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const NT = (n: number) => `${n}`.repeat(32).slice(0, 32);

const SECRETSDUMP = [
  'Impacket v0.12.0 - Copyright Fortra, LLC and its affiliated companies',
  '',
  '[*] Target system bootKey: 0x0123456789abcdef0123456789abcdef',
  '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
  '[*] Using the DRSUAPI method to get NTDS.DIT secrets',
  `CORP.LOCAL\\Administrator:500:${LM0}:${NT(1)}::: (status=Enabled)`,
  `CORP.LOCAL\\Administrator_history0:500:${LM0}:${NT(2)}:::`,
  `CORP.LOCAL\\Administrator_history1:500:${LM0}:${NT(3)}:::`,
  `CORP.LOCAL\\WS01$:1104:${LM0.toUpperCase()}:${'AB'.repeat(16)}:::`,
  `CORP.LOCAL\\Guest:501:${LM0}:31d6cfe0d16ae931b73c59d7e0c089c0::: (status=Disabled)`,
  `CORP.LOCAL\\WS01$:1104:${LM0}:${'ab'.repeat(16)}:::`,
  'CORP.LOCAL\\krbtgt:aes256-cts-hmac-sha1-96:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'this line is garbage',
  '[*] Cleaning up...',
].join('\r\n');

describe.each(testDialects())('dump import on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  const actor = { userId: null, username: 'cli' };
  const run = (params: Omit<DumpImportParams, 'engagement'>, text: string | Buffer) =>
    importDump(ctx.services(), principal, { engagement: 'DUMP', ...params }, [Buffer.from(text)], {
      actor,
      maxBytes: 10_000_000,
    });
  const stored = () =>
    ctx.database.db
      .selectFrom('credential')
      .select(['system', 'account', 'hash', 'hash_type', 'secret', 'position', 'enabled'])
      .execute()
      .then((rows) =>
        // Sorted here: the dialects disagree on where NULL positions sort.
        rows.sort(
          (a, b) =>
            a.account.localeCompare(b.account) ||
            Number(a.hash_type) - Number(b.hash_type) ||
            (a.position ?? -1) - (b.position ?? -1),
        ),
      );

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    principal = (await arrangeOperator(ctx.services(), ['DUMP'])).principal;
  });
  afterEach(() => ctx.dispose());

  it('secretsdump: history as history, machine accounts keep $, upper case de-duplicated, chatter skipped', async () => {
    const result = await run({ type: 'secretsdump' }, `\uFEFF${SECRETSDUMP}`);
    expect(result).toMatchObject({
      new_hashes: 3,
      new_secrets: 1,
      history_hashes: 2,
      duplicates: 1,
      rejected: [{ line: 13, reason: expect.stringMatching(/not a secretsdump line/) }],
    });
    const rows = await stored();
    expect(rows.map((r) => [r.account, r.hash, r.position === null ? null : Number(r.position)])).toEqual([
      ['Administrator', NT(1), null],
      ['Administrator', NT(2), 0],
      ['Administrator', NT(3), 1],
      ['Guest', '31d6cfe0d16ae931b73c59d7e0c089c0', null],
      ['WS01$', 'AB'.repeat(16), null],
    ]);
    expect(rows.find((r) => r.account === 'Guest')).toMatchObject({
      secret: '',
      enabled: 0,
      system: 'CORP.LOCAL',
    });
    // Re-importing adds nothing.
    const again = await run({ type: 'secretsdump' }, SECRETSDUMP);
    expect(again).toMatchObject({ new_hashes: 0, new_secrets: 0, history_hashes: 0, duplicates: 6 });
    expect(await stored()).toHaveLength(5);
  });

  it('pwdump keeps LM halves and the RID in the purpose; blank lines skip, bad lines are rejected by number', async () => {
    const text = `bob:1001:${'c'.repeat(32)}:${NT(4)}:::\n\nnot-a-line\nCORP\\eve:1002:NO PASSWORD*********************:${NT(5)}:::\n`;
    const result = await run({ type: 'pwdump', system: 'LAB' }, text);
    expect(result).toMatchObject({ new_hashes: 3, rejected: [{ line: 3 }] });
    const rows = await stored();
    expect(rows.map((r) => [r.system, r.account, r.hash_type])).toEqual([
      ['LAB', 'bob', 1000],
      ['LAB', 'bob', 3000],
      ['CORP', 'eve', 1000],
    ]);
  });

  it('user-hash with a mode, user-secret and user-hash-secret (colons in secrets kept)', async () => {
    expect(
      await run({ type: 'user-hash', hashType: 1000 }, `svc_sql:${NT(6)}\nsvc_sql:${NT(6)}\nnocolon\n`),
    ).toMatchObject({
      new_hashes: 1,
      duplicates: 1,
      rejected: [{ line: 3, reason: expect.stringMatching(/no colon/) }],
    });
    expect(await run({ type: 'user-secret', system: 'WEB' }, 'admin:pa:ss:word\r\nroot:\r\n')).toMatchObject({
      new_secrets: 2,
    });
    expect(
      await run({ type: 'user-hash-secret', hashType: 1000 }, `CORP\\amy:${NT(7)}:Spring:2026`),
    ).toMatchObject({
      new_hashes: 1,
      new_secrets: 1,
    });
    const rows = await stored();
    expect(rows.find((r) => r.account === 'admin')).toMatchObject({
      system: 'WEB',
      secret: 'pa:ss:word',
      hash: '',
    });
    expect(rows.find((r) => r.account === 'root')?.secret).toBe('');
    expect(rows.find((r) => r.account === 'amy')).toMatchObject({ system: 'CORP', secret: 'Spring:2026' });
  });

  it('keepass 1.x and 2.x CSV: every row, samples skipped, multi-line notes', async () => {
    const v1 = [
      '"Account","Login Name","Password","Web Site","Comments"',
      '"Sample Entry","Michael321","12345","https://keepass.info/","Notes"',
      '"VPN","CORP\\\\vpnuser","Vpn\\"Pass1","https://vpn","line one',
      'line two"',
      '"Router","admin","R0uter!","",""',
    ].join('\n');
    expect(await run({ type: 'keepass' }, v1)).toMatchObject({ new_secrets: 2, rejected: [] });
    const v2 = [
      '"Group","Title","Username","Password","URL","Notes"',
      '"Root","Mail","alice@example.com","M@il1","https://mail",""',
      '"Root","Jira","alice","J1ra","https://jira",""',
      '"Root","Wiki","bob","W1ki","",""',
    ].join('\r\n');
    expect(await run({ type: 'keepass' }, v2)).toMatchObject({ new_secrets: 3 });
    const rows = await stored();
    expect(rows.find((r) => r.account === 'vpnuser')).toMatchObject({ system: 'CORP', secret: 'Vpn"Pass1' });
    expect(rows.map((r) => r.account)).toContain('bob');
  });

  it('rejects undecodable bytes by line and unknown modes with a field error, writing nothing for a bad mode', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`ok:${NT(8)}\nbad:`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    const result = await run({ type: 'user-hash', hashType: 1000 }, bytes);
    expect(result).toMatchObject({
      new_hashes: 1,
      rejected: [{ line: 2, reason: expect.stringMatching(/UTF-8/) }],
    });
    await expect(run({ type: 'user-hash', hashType: 99999 }, 'x:y')).rejects.toMatchObject({
      problems: [{ field: 'hash_type' }],
    });
  });

  it('grep: tool output through the extractors, with the default system', async () => {
    const output = [
      'beacon> hashdump',
      '[*] Tasked beacon to dump hashes',
      `Administrator:500:${LM0}:${NT(9)}:::`,
      '',
      'u4-netntlm::kNS:338d08f8e26de93300000000000000000000000000000000:9526fb8c23a90751cdd619b6cea564742e1e4bf33006ba41:cb8086049ec4736c',
    ].join('\n');
    const result = await run({ type: 'grep', system: 'WS01' }, output);
    expect(result.rejected).toEqual([]);
    expect(result.new_hashes).toBeGreaterThanOrEqual(2);
    const rows = await stored();
    expect(rows.find((r) => r.account === 'Administrator')).toMatchObject({ system: 'WS01', hash: NT(9) });
    expect(rows.find((r) => r.account === 'u4-netntlm')).toMatchObject({ hash_type: 5500 });
  });
});
