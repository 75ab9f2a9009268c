import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../../testing/index.ts';
import { importC2Logs } from '../c2-import.service.ts';
import { findC2Source } from '../c2-source.ts';
import { setC2Watch } from '../c2-watch.service.ts';
import { C2Follower, type FollowSink } from './c2-follower.ts';
import { localFollowSink } from './follow-sinks.ts';

const META_1234 =
  '12/31 23:50:01 UTC [metadata] 203.0.113.7 <- 10.0.0.5; computer: WS01; user: alice *; process: rundll32.exe; pid: 4242; os: Windows; version: 10.0; build: 19045; beacon arch: x64 (x64)';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe.each(testDialects())('c2 follow on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  let dir: string;
  let now = Date.parse('2026-12-31T23:52:00Z');

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['FOL', 'ONE']));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2-follow-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await ctx.dispose();
  });

  const logs = () => path.join(dir, 'logs');
  const append = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(logs(), rel)), { recursive: true });
    fs.appendFileSync(path.join(logs(), rel), text);
  };
  const follower = async (sink?: FollowSink) => {
    const source = await findC2Source(ctx, red, 'cobalt-strike-logs');
    return new C2Follower({
      root: logs(),
      stateFile: path.join(dir, 'state.json'),
      wants: source.point.wants,
      followSplit: source.point.followSplit,
      sink:
        sink ??
        localFollowSink(ctx, red, { engagement: 'FOL', server: 'ts1', adapter: 'cobalt-strike-logs' }),
      now: () => now,
    });
  };
  const actions = async (code: string) =>
    (
      await ctx.database.db
        .selectFrom('c2_action as a')
        .innerJoin('c2_session as s', 's.id', 'a.session_id')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .innerJoin('engagement as e', 'e.id', 'sv.engagement_id')
        .select(['s.external_id', 'a.start_at', 'a.input', 'a.output'])
        .where('e.code', '=', code)
        .orderBy('a.start_at')
        .orderBy('a.input')
        .execute()
    ).map((a) => [a.external_id, Number(a.start_at), a.input, a.output]);
  const webhooks = async () =>
    (
      await ctx.database.db
        .selectFrom('domain_event')
        .select(['type', 'payload'])
        .where('type', 'like', 'beacon.%')
        .orderBy('id')
        .execute()
    ).map((e) => [e.type, (JSON.parse(e.payload) as { beacon: string }).beacon]);

  it('sends complete actions as the log grows, survives a crash and a restart, and picks up new days', async () => {
    append(
      '261231/203.0.113.7/beacon_1234.log',
      lines(
        META_1234,
        '12/31 23:50:30 UTC [input] <neo> hashdump',
        '12/31 23:50:30 UTC [task] <T1003.002> Tasked beacon to dump hashes',
        '12/31 23:50:40 UTC [output]',
        'received output:',
        'Administrator:500:aad3b435b51404eeaad3b435b51404ee:fc525c9683e8fe067095ba2ddc971889:::',
        '12/31 23:51:00 UTC [input] <neo> shell whoami',
      ),
    );
    let f = await follower();
    const first = await f.poll();
    // The session and the finished hashdump; whoami may still get output, so it waits.
    expect(first.result).toMatchObject({ sessions: 1, actions: 1, credentials: 1 });
    append('261231/203.0.113.7/beacon_1234.log', lines('12/31 23:51:05 UTC [output]', 'alice'));
    expect((await f.poll()).result).toMatchObject({ actions: 0 });
    append('261231/203.0.113.7/beacon_1234.log', lines('12/31 23:52:00 UTC [input] <neo> ls'));
    expect((await f.poll()).result).toMatchObject({ actions: 1 });

    // The process dies after the batch was saved but before its offsets were: nothing is lost or doubled.
    append('261231/203.0.113.7/beacon_1234.log', lines('12/31 23:53:00 UTC [input] <trinity> pwd'));
    const real = localFollowSink(ctx, red, {
      engagement: 'FOL',
      server: 'ts1',
      adapter: 'cobalt-strike-logs',
    });
    const crashing = await follower(async (batch) => {
      await real(batch);
      throw new Error('killed');
    });
    await expect(crashing.poll()).rejects.toThrow('killed');
    f = await follower();
    expect((await f.poll()).result).toMatchObject({ actions: 0 });
    expect((await f.poll()).result).toBeNull();

    // A quiet session gets the bell; a new day brings it back, a new beacon and a respawned one.
    const ws01 = await ctx.database.db
      .selectFrom('c2_session')
      .select('id')
      .where('external_id', '=', '1234')
      .executeTakeFirstOrThrow();
    await setC2Watch(ctx.services(red), red, Number(ws01.id), true);
    now = Date.parse('2027-01-01T00:30:00Z');
    append(
      '270101/203.0.113.7/beacon_1234.log',
      lines('01/01 00:10:00 UTC [checkin] host called home, sent: 12 bytes'),
    );
    append(
      '270101/10.0.0.6/beacon_5678.log',
      lines(
        '01/01 00:12:00 UTC [metadata] beacon_1234 -> 10.0.0.6; computer: SRV02; user: SYSTEM *; process: spoolsv.exe; pid: 1312; os: Windows; version: 10.0; build: 20348',
      ),
    );
    append(
      '270101/203.0.113.7/beacon_9999.log',
      lines(
        META_1234.replace('12/31 23:50:01', '01/01 00:20:00').replace('pid: 4242', 'pid: 5000'),
        '01/01 00:20:10 UTC [input] <neo> getuid',
      ),
    );
    const day2 = await f.poll();
    expect(day2.result).toMatchObject({ sessions: 2, actions: 1 }); // pwd, finished by the new day
    expect(await f.poll()).toMatchObject({ result: null });
    append('270101/203.0.113.7/beacon_1234.log', lines('01/01 00:40:00 UTC [checkin] host called home'));
    await f.poll();
    // Each once, though the sessions were read again with every poll.
    expect((await webhooks()).sort()).toEqual([
      ['beacon.new', 'SYSTEM on SRV02 (spoolsv.exe)'],
      ['beacon.respawned', 'alice on WS01 (rundll32.exe)'],
      ['beacon.returned', 'alice on WS01 (rundll32.exe)'],
    ]);
    const server = await ctx.database.db
      .selectFrom('c2_server')
      .select(['follower_batch_at', 'follower_lag_ms'])
      .where('name', '=', 'ts1')
      .executeTakeFirstOrThrow();
    expect(server.follower_batch_at).not.toBeNull();

    // What the follower saved equals a one-shot import of the same files (the last action excepted).
    const entries = ['261231/203.0.113.7/beacon_1234.log', '270101/203.0.113.7/beacon_1234.log'].map((p) => ({
      path: p,
      text: fs.readFileSync(path.join(logs(), p), 'utf8'),
    }));
    await importC2Logs(ctx, red, {
      engagement: 'ONE',
      adapter: 'cobalt-strike-logs',
      server: 'ts1',
      filename: 'one',
      entries,
    });
    expect((await actions('FOL')).filter((a) => a[0] === '1234')).toEqual(await actions('ONE'));
    expect((await actions('FOL')).map((a) => a[2])).toEqual(['hashdump', 'shell whoami', 'ls', 'pwd']);
  });
});
