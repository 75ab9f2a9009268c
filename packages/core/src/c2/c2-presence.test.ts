import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { listC2Sessions } from './c2.queries.ts';
import { importC2Logs } from './c2-import.service.ts';
import { buildPresences, DEFAULT_PRESENCE_GAP_MS } from './c2-presence.ts';

const T = (hhmmss: string, day = '2026-03-01') => Date.parse(`${day}T${hhmmss}Z`);
const at = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const sleep = { seconds: 60, jitterPercent: 20 };

describe('presence intervals from check-ins', () => {
  it('extends an interval while gaps stay within sleep × (1 + jitter), and starts one after', () => {
    // 60 s with 20 % jitter allows 72 s between check-ins.
    const built = buildPresences(
      [],
      [0, 72, 144, 217, 289].map((s) => ({ at: T('10:00:00') + s * 1000, sleep })),
    );
    expect(built.map((p) => [at(p.start), at(p.end)])).toEqual([
      ['10:00:00', '10:02:24'],
      ['10:03:37', '10:04:49'],
    ]);
  });

  it('uses five minutes when the sleep is unknown or interactive, and carries a known sleep over', () => {
    const unknown = buildPresences(
      [],
      [0, 300, 601].map((s) => ({ at: T('10:00:00') + s * 1000, sleep: null })),
    );
    expect(DEFAULT_PRESENCE_GAP_MS).toBe(300_000);
    expect(unknown.map((p) => [at(p.start), at(p.end)])).toEqual([
      ['10:00:00', '10:05:00'],
      ['10:10:01', '10:10:01'],
    ]);
    const interactive = buildPresences(
      [],
      [
        { at: 0, sleep: { seconds: 0, jitterPercent: 0 } },
        { at: 299_000, sleep: null },
      ],
    );
    expect(interactive).toHaveLength(1);
    // After a day's gap, a check-in the source knew no sleep for takes the 60 s / 20 % before it.
    const carried = buildPresences(
      [{ start: 0, end: 60_000, sleepSeconds: 60, jitterPercent: 20 }],
      [
        { at: 86_400_000, sleep: null },
        { at: 86_400_000 + 73_000, sleep: null },
      ],
    );
    expect(carried.map((p) => [p.start, p.end, p.sleepSeconds, p.jitterPercent])).toEqual([
      [0, 60_000, 60, 20],
      [86_400_000, 86_400_000, 60, 20],
      [86_473_000, 86_473_000, 60, 20],
    ]);
  });

  it('bridges two stored intervals when a check-in fills the gap, and leaves them be on the same check-ins', () => {
    const stored = buildPresences(
      [],
      [0, 60, 200, 260].map((s) => ({ at: s * 1000, sleep })),
    );
    expect(stored).toHaveLength(2);
    expect(
      buildPresences(
        stored,
        [0, 60, 200, 260].map((s) => ({ at: s * 1000, sleep })),
      ),
    ).toEqual(stored);
    const bridged = buildPresences(stored, [{ at: 130_000, sleep }]);
    expect(bridged.map((p) => [p.start, p.end])).toEqual([[0, 260_000]]);
  });
});

/** A beacon at 60 s / 20 %: present 10:02–10:47 and 11:30–12:05 on 1 March, with a quiet hour between. */
function beaconLog(): string {
  const lines = [
    '03/01 10:02:00 UTC [metadata] 203.0.113.7 <- 10.0.0.5; computer: WS01; user: alice; process: rundll32.exe; pid: 4242; os: Windows; version: 10.0; build: 19045; beacon arch: x64 (x64)',
    '03/01 10:02:00 UTC [input] <neo> sleep 60 20',
    '03/01 10:02:00 UTC [task] <T1029> Tasked beacon to sleep for 60s (20% jitter)',
  ];
  const checkins = (from: string, to: string) => {
    const times: number[] = [];
    for (let t = T(from); t < T(to); t += 65_000) times.push(t);
    for (const t of [...times, T(to)])
      lines.push(`03/01 ${at(t)} UTC [checkin] host called home, sent: 12 bytes`);
  };
  checkins('10:03:05', '10:46:00');
  lines.push('03/01 10:47:00 UTC [checkin] host called home, sent: 12 bytes');
  checkins('11:30:00', '12:04:00');
  lines.push('03/01 12:05:00 UTC [output]', 'received output:', 'done');
  return lines.join('\n');
}

describe.each(testDialects())('C2 presences imported on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  const files = [{ path: 'logs/260301/203.0.113.7/beacon_42.log', text: beaconLog() }];
  const request = (entries: Array<{ path: string; text: string }>) => ({
    engagement: 'PRS',
    adapter: 'cobalt-strike-logs',
    server: 'ts1',
    filename: 'logs',
    entries,
  });
  const stored = () =>
    ctx.database.db
      .selectFrom('c2_presence')
      .select(['id', 'start_at', 'end_at', 'sleep_seconds', 'jitter_percent'])
      .orderBy('start_at')
      .execute()
      .then((rows) => rows.map((r) => [Number(r.id), at(Number(r.start_at)), at(Number(r.end_at))]));

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['PRS']));
  });
  afterAll(() => ctx.dispose());

  it('builds the intervals at import, leaves them unchanged on re-import, and starts a new one after a large gap', async () => {
    const first = await importC2Logs(ctx, red, request(files));
    expect(first.rejected).toEqual([]);
    const once = await stored();
    expect(once.map(([, s, e]) => [s, e])).toEqual([
      ['10:02:00', '10:47:00'],
      ['11:30:00', '12:05:00'],
    ]);
    await importC2Logs(ctx, red, request(files));
    expect(await stored()).toEqual(once);

    // The next day's log shows no sleep task: 60 s / 20 % carries over, so 73 s apart is two intervals.
    await importC2Logs(
      ctx,
      red,
      request([
        {
          path: 'logs/260302/203.0.113.7/beacon_42.log',
          text: [
            '03/02 09:00:00 UTC [checkin] host called home, sent: 12 bytes',
            '03/02 09:01:00 UTC [checkin] host called home, sent: 12 bytes',
            '03/02 09:02:13 UTC [checkin] host called home, sent: 12 bytes',
          ].join('\n'),
        },
      ]),
    );
    const rows = await ctx.database.db
      .selectFrom('c2_presence')
      .select(['start_at', 'end_at', 'sleep_seconds', 'jitter_percent'])
      .orderBy('start_at')
      .execute();
    expect(
      rows.map((r) => [Number(r.start_at), Number(r.end_at), r.sleep_seconds, r.jitter_percent]),
    ).toEqual([
      [T('10:02:00'), T('10:47:00'), 60, 20],
      [T('11:30:00'), T('12:05:00'), 60, 20],
      [T('09:00:00', '2026-03-02'), T('09:01:00', '2026-03-02'), 60, 20],
      [T('09:02:13', '2026-03-02'), T('09:02:13', '2026-03-02'), 60, 20],
    ]);

    const page = await listC2Sessions(ctx.database.db, red, { engagement: 'PRS', page_size: 50 });
    expect(page.results[0]?.presences.slice(0, 2)).toEqual([
      { start: '2026-03-01T10:02:00.000Z', end: '2026-03-01T10:47:00.000Z' },
      { start: '2026-03-01T11:30:00.000Z', end: '2026-03-01T12:05:00.000Z' },
    ]);
  });
});
