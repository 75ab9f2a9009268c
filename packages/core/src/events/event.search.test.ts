import { createEngagement } from '@steppingstones/core/engagements';
import type { Principal } from '@steppingstones/core/permissions';
import { createTestContext, insertTestUser, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from './event.queries.ts';
import { seedEvents } from './testing/index.ts';

const principal = (engagementId: number, permissions: string[]): Principal =>
  ({
    userId: 1,
    username: 'op',
    isSuperuser: false,
    permissions: new Set(permissions),
    engagementIds: [engagementId],
    via: 'session',
  }) as Principal;

describe.each(testDialects())('seeded event log on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;
  let red: Principal;
  let blue: Principal;
  const query = (q: Record<string, string | number>) =>
    eventListQuerySchema.parse({ engagement: 'SEED', ...q });

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const db = ctx.database.db;
    const userId = await insertTestUser(db, 'op');
    engagementId = (
      await createEngagement(ctx.services(), {
        code: 'SEED',
        name: 'Seed',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      })
    ).id;
    await seedEvents(ctx.database, {
      engagementId,
      operatorUserId: userId,
      count: 10_050,
      batchSize: 4000,
    });
    red = principal(engagementId, ['event.view', 'credential.view']);
    blue = principal(engagementId, ['event.view']);
  });
  afterAll(() => ctx.dispose());

  it('caps the count and pages through the newest events', async () => {
    const page = await listEvents(ctx.database.db, red, query({ page_size: 100 }));
    expect(page.count).toBe('10000+');
    expect(page.results).toHaveLength(100);
    expect(page.results[0]?.description).toMatch(/^Synthetic event 10049:/);
    const next = await listEvents(
      ctx.database.db,
      red,
      query({ page_size: 100, cursor: page.next as string }),
    );
    expect(next.results[0]?.description).toMatch(/^Synthetic event 9949:/);
  });

  it('finds rare words, filters exactly, and keeps seeded hashes out of blue team search', async () => {
    const rare = await listEvents(ctx.database.db, red, query({ search: 'zebracorn' }));
    expect(rare.count).toBe(2);
    const filtered = await listEvents(ctx.database.db, red, query({ tactic: 'TA0006', detected: 'FUL' }));
    // i % 6 === 2 and i % 5 === 3 → i ≡ 8 (mod 30): 335 of the 10,050.
    expect(filtered.count).toBe(335);
    expect(filtered.results.every((e) => e.mitre_attack_tactic === 'TA0006' && e.detected === 'FUL')).toBe(
      true,
    );
    const hash = (50 * 2654435761).toString(16).padStart(32, '0').slice(-32);
    expect((await listEvents(ctx.database.db, red, query({ search: hash }))).count).toBe(1);
    expect((await listEvents(ctx.database.db, blue, query({ search: hash }))).count).toBe(0);
    const common = await listEvents(ctx.database.db, blue, query({ search: 'secretsdump' }));
    expect(common.count).toBe(201);
    expect(JSON.stringify(common.results)).not.toContain(hash);
  });

  it('pages a common word by walking the grid in chunks, with the same results as intersecting', async () => {
    const cases: Array<Record<string, string | number>> = [
      { search: 'synthetic', page_size: 50 },
      { search: 'beacon', page_size: 40, sort: 'timestamp' },
      { search: 'lsass host07', detected: 'NEG' },
      { search: 'secretsdump', page_size: 30 },
    ];
    for (const q of cases) {
      let plain = await listEvents(ctx.database.db, blue, query(q));
      let walked = await listEvents(ctx.database.db, blue, query(q), { commonSearchMatches: 10 });
      expect(walked.count).toBe(plain.count);
      for (let page = 0; page < 3 && plain.next; page++) {
        expect(walked.results.map((e) => e.id)).toEqual(plain.results.map((e) => e.id));
        expect(walked.next).toBe(plain.next);
        plain = await listEvents(ctx.database.db, blue, query({ ...q, cursor: plain.next }));
        walked = await listEvents(ctx.database.db, blue, query({ ...q, cursor: walked.next as string }), {
          commonSearchMatches: 10,
        });
      }
      expect(walked.results.map((e) => e.id)).toEqual(plain.results.map((e) => e.id));
    }
  });
});
