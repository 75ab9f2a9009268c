import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importC2Logs } from '../c2/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { importEventStream } from '../eventstream/index.ts';
import { PERMISSION_CODES, type Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { INSERT_COLUMNS, insertCredentialRows } from './credential-insert.ts';
import { identityKeys } from './credential-keys.ts';
import { listActionCredentials, listLineCredentials } from './origin-credentials.queries.ts';

const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const NT1 = '8846f7eaee8fb117ad06bdd830b7586c';
const NT2 = 'fc525c9683e8fe067095ba2ddc971889';
const dump = (account: string, nt: string) => `CORP\\${account}:500:${LM0}:${nt}:::`;

describe.each(testDialects())('credentials shown where they were found on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  let blue: Principal;
  let outsider: Principal;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['ORIG']));
    blue = {
      ...red,
      permissions: new Set(PERMISSION_CODES.filter((c) => !c.startsWith('credential.'))),
    };
    outsider = { ...red, engagementIds: [] };
  });
  afterEach(() => ctx.dispose());

  const lineId = async (description: string) =>
    Number(
      (
        await ctx.database.db
          .selectFrom('eventstream_line')
          .select('id')
          .where('description', '=', description)
          .executeTakeFirstOrThrow()
      ).id,
    );

  it('links what an EventStream line held to the line, also when the vault knew it already', async () => {
    const line = (d: string, e: string) => `${JSON.stringify({ ts: '2026-03-01T10:00:00', d, e })}\n`;
    const r1 = await importEventStream(ctx.services(red), red, 'ORIG', [
      line('first dump', dump('alice', NT1)),
      line('nothing here', 'whoami'),
    ]);
    expect(r1).toMatchObject({ added: 2, credentials: { newHashes: 1 } });
    await importEventStream(ctx.services(red), red, 'ORIG', [
      line('second dump', `${dump('alice', NT1)}\n${dump('bob', NT2)}`),
    ]);
    const accounts = async (description: string) =>
      (await listLineCredentials(ctx.database.db, red, await lineId(description))).results.map(
        (c) => c.account,
      );
    expect(await accounts('first dump')).toEqual(['alice']);
    expect(await accounts('second dump')).toEqual(['alice', 'bob']);
    expect(await accounts('nothing here')).toEqual([]);
    const first = await listLineCredentials(ctx.database.db, red, await lineId('first dump'));
    expect(first).toMatchObject({ count: 1, results: [{ hash: NT1, secret: null }] });

    await expect(listLineCredentials(ctx.database.db, blue, await lineId('first dump'))).rejects.toThrow(
      ForbiddenError,
    );
    await expect(listLineCredentials(ctx.database.db, outsider, await lineId('first dump'))).rejects.toThrow(
      NotFoundError,
    );
    await expect(listLineCredentials(ctx.database.db, red, 999_999)).rejects.toThrow(NotFoundError);
  });

  it("lists the credentials of a C2 action's output, for the red team only", async () => {
    await importC2Logs(ctx, red, {
      engagement: 'ORIG',
      adapter: 'cobalt-strike-logs',
      server: 'ts1',
      filename: 'logs/261231/1.2.3.4/beacon_1.log',
      data: Buffer.from('12/31 23:59:59 UTC [input] <neo> hashdump'),
    });
    const action = await ctx.database.db.selectFrom('c2_action').select('id').executeTakeFirstOrThrow();
    const values: Record<string, unknown> = {
      engagement_id: red.engagementIds[0],
      source: 'hashdump',
      system: 'WS01',
      account: 'Administrator',
      secret: null,
      hash: NT2,
      hash_type: 1000,
      purpose: '',
      enabled: 1,
      created_by_name: 'test',
      created_at: ctx.clock.now(),
      c2_action_id: Number(action.id),
      ...identityKeys({ system: 'WS01', account: 'Administrator', hash: NT2, hashType: 1000, secret: null }),
    };
    await writeTransaction(ctx.database.db, (tx) =>
      insertCredentialRows(
        tx,
        INSERT_COLUMNS.map((c) => values[c] ?? null),
      ),
    );
    const found = await listActionCredentials(ctx.database.db, red, Number(action.id));
    expect(found).toMatchObject({ count: 1, results: [{ account: 'Administrator', hash: NT2 }] });
    await expect(listActionCredentials(ctx.database.db, blue, Number(action.id))).rejects.toThrow(
      ForbiddenError,
    );
    await expect(listActionCredentials(ctx.database.db, outsider, Number(action.id))).rejects.toThrow(
      NotFoundError,
    );
  });
});
