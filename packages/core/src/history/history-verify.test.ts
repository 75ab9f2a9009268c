import { testDialects } from '@steppingstones/db/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, deleteEvent } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { historyKeyOf, verifyHistory } from './index.ts';

describe.each(testDialects())('history verify, rows gone or moved, on %s', (dialect) => {
  let ctx: TestContext;
  let op: Principal;
  let ids: number[];

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: op, engagementIds: ids } = await arrangeOperator(ctx.services(), ['ONE', 'TWO']));
  });
  afterEach(() => ctx.dispose());

  const newEvent = (engagement: string, description: string) =>
    createEvent(ctx.services(), op, {
      engagement,
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description,
    });
  const verify = () => verifyHistory(ctx.database.db, historyKeyOf(ctx));

  it('names an event whose row is missing while its latest revision is not a delete', async () => {
    await newEvent('ONE', 'Kept');
    const gone = await newEvent('ONE', 'Removed behind the app');
    const trashed = await newEvent('ONE', 'Deleted in the app');
    await deleteEvent(ctx.services(), op, trashed.id);
    // A row whose last revision is a delete may go (the trash emptied): still intact.
    await sql`delete from event where id = ${trashed.id}`.execute(ctx.database.db);
    expect((await verify()).ok).toBe(true);

    await sql`delete from event where id = ${gone.id}`.execute(ctx.database.db);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ engagement: 'ONE', kind: 'event-missing', eventId: gone.id });
    expect(report.problem?.message).toContain(`event ${gone.id} is missing`);
  });

  it("names an event of one engagement's chain found in another engagement", async () => {
    await newEvent('ONE', 'Stays');
    const moved = await newEvent('ONE', 'Moved behind the app');
    await newEvent('TWO', 'Other engagement');
    expect((await verify()).ok).toBe(true);

    await sql`update event set engagement_id = ${ids[1]} where id = ${moved.id}`.execute(ctx.database.db);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({
      engagement: 'ONE',
      kind: 'event-in-other-engagement',
      eventId: moved.id,
    });
    expect(report.problem?.message).toContain('is in engagement TWO');

    // Verifying only the engagement it was moved into names it too.
    const two = await verifyHistory(ctx.database.db, historyKeyOf(ctx), { engagementId: ids[1] });
    expect(two.problem).toMatchObject({
      engagement: 'TWO',
      kind: 'event-in-other-engagement',
      eventId: moved.id,
    });
    expect(two.problem?.message).toContain('belongs to the history of engagement ONE');
  });
});
