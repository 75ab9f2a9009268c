import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../errors.ts';
import { readDomainEventsAfter } from '../outbox/index.ts';
import { systemPrincipal } from '../permissions/index.ts';
import { createTestContext, insertTestUser, type TestContext } from '../testing/index.ts';
import {
  createEngagement,
  findEngagementByCode,
  findVisibleEngagement,
  getEngagement,
  listEngagements,
  updateEngagement,
} from './index.ts';

const base = { code: 'ACME-26', name: 'Acme Corp', start_date: '2026-03-01', end_date: '2026-03-31' };

describe.each(testDialects())('engagements on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(() => ctx.dispose());

  it('creates an engagement and announces it in the outbox', async () => {
    const e = await createEngagement(ctx.services(), { ...base, description: 'External + internal' });
    expect(e).toMatchObject({
      code: 'ACME-26',
      name: 'Acme Corp',
      archived: false,
      description: 'External + internal',
    });
    expect(e.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const events = await readDomainEventsAfter(ctx.database.db, 0);
    expect(events.map((x) => [x.type, x.engagementId])).toEqual([['engagement.created', e.id]]);
  });

  it('refuses a duplicate code, naming the field, and writes nothing', async () => {
    await createEngagement(ctx.services(), base);
    const error = await createEngagement(ctx.services(), { ...base, name: 'Other' }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]).toMatchObject({ field: 'code' });
    expect(await listEngagements(ctx.database.db)).toHaveLength(1);
    expect(await readDomainEventsAfter(ctx.database.db, 0)).toHaveLength(1);
  });

  it('gives writers racing for one code the same field error, and keeps one engagement', async () => {
    // On PostgreSQL all of them can pass the clash check before any insert commits.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createEngagement(ctx.services(), { ...base, name: `Racer ${i}` })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      expect(o.reason).toBeInstanceOf(ValidationError);
      expect((o.reason as ValidationError).problems[0]).toMatchObject({ field: 'code' });
    }
    expect(await listEngagements(ctx.database.db)).toHaveLength(1);
  });

  it('refuses an end date before the start date and impossible dates', async () => {
    await expect(createEngagement(ctx.services(), { ...base, end_date: '2026-02-01' })).rejects.toThrow(
      /end_date: End date can not be before/,
    );
    await expect(createEngagement(ctx.services(), { ...base, start_date: '2026-02-30' })).rejects.toThrow(
      /start_date: is not a real calendar date/,
    );
    await expect(createEngagement(ctx.services(), { ...base, code: 'has space' })).rejects.toThrow(/code:/);
  });

  it('updates and archives, keeping the date rule across partial updates', async () => {
    const e = await createEngagement(ctx.services(), base);
    await expect(updateEngagement(ctx.services(), e.id, { end_date: '2026-01-01' })).rejects.toThrow(
      /End date/,
    );
    const archived = await updateEngagement(ctx.services(), e.id, { archived: true, name: 'Acme (closed)' });
    expect(archived).toMatchObject({ archived: true, name: 'Acme (closed)' });
    expect((await findEngagementByCode(ctx.database.db, 'ACME-26'))?.archived).toBe(true);
  });

  it('lists newest start first and scopes to the given engagements', async () => {
    const a = await createEngagement(ctx.services(), {
      ...base,
      code: 'A',
      start_date: '2025-01-01',
      end_date: '2025-02-01',
    });
    const b = await createEngagement(ctx.services(), {
      ...base,
      code: 'B',
      start_date: '2026-01-01',
      end_date: '2026-02-01',
    });
    expect((await listEngagements(ctx.database.db)).map((e) => e.code)).toEqual(['B', 'A']);
    expect((await listEngagements(ctx.database.db, { engagementIds: [a.id] })).map((e) => e.code)).toEqual([
      'A',
    ]);
    expect(await listEngagements(ctx.database.db, { engagementIds: [] })).toEqual([]);
    await expect(getEngagement(ctx.database.db, b.id, { engagementIds: [a.id] })).rejects.toThrow(
      /not found/,
    );
  });

  it('makes its creator the lead in the same transaction', async () => {
    const db = ctx.database.db;
    const alice = await insertTestUser(db, 'alice');
    const e = await createEngagement(ctx.services(), base, { userId: alice });
    const members = await db.selectFrom('engagement_member').select(['user_id', 'role']).execute();
    expect(members.map((m) => [Number(m.user_id), m.role])).toEqual([[alice, 'lead']]);
    expect(e.code).toBe('ACME-26');

    // A creator who cannot be made a member leaves no engagement behind, nor its announcement.
    await expect(
      createEngagement(ctx.services(), { ...base, code: 'ORPHAN' }, { userId: 987_654 }),
    ).rejects.toThrow();
    expect(await findEngagementByCode(db, 'ORPHAN')).toBeUndefined();
    const events = await readDomainEventsAfter(db, 0);
    expect(events.map((x) => x.engagementId)).toEqual([e.id]);
  });

  it('shows an engagement only to its members, answering the same not-found otherwise', async () => {
    const db = ctx.database.db;
    const a = await createEngagement(ctx.services(), { ...base, code: 'A' });
    await createEngagement(ctx.services(), { ...base, code: 'B' });
    const member = { ...systemPrincipal('bob'), isSuperuser: false, engagementIds: [a.id] };
    expect((await findVisibleEngagement(db, member, 'A')).id).toBe(a.id);
    const hidden = await findVisibleEngagement(db, member, 'B').catch((error: unknown) => error);
    const missing = await findVisibleEngagement(db, member, 'NOPE').catch((error: unknown) => error);
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(String(hidden)).toBe(String(missing));
    expect((await findVisibleEngagement(db, systemPrincipal(), 'B')).code).toBe('B');
  });
});
