import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { appendDomainEvent, latestDomainEventId, readDomainEventsAfter } from './index.ts';

describe.each(testDialects())('the outbox on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(() => ctx.dispose());

  it('commits with the transaction and rolls back with it', async () => {
    const { db } = ctx.database;
    await writeTransaction(db, async (tx) => {
      await appendDomainEvent(inTransaction(ctx.services(), tx), {
        type: 'test.kept',
        engagementId: null,
        payload: { n: 1 },
      });
    });
    await expect(
      writeTransaction(db, async (tx) => {
        await appendDomainEvent(inTransaction(ctx.services(), tx), { type: 'test.lost', engagementId: null });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const events = await readDomainEventsAfter(db, 0);
    expect(events.map((e) => e.type)).toEqual(['test.kept']);
    expect(events[0]?.payload).toEqual({ n: 1 });
  });

  it('hands out increasing ids and reads the tail after a given id', async () => {
    const { db } = ctx.database;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await writeTransaction(db, (tx) =>
          appendDomainEvent(inTransaction(ctx.services(), tx), { type: `test.${i}`, engagementId: null }),
        ),
      );
    }
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(await latestDomainEventId(db)).toBe(ids[4]);
    expect((await readDomainEventsAfter(db, ids[1]!)).map((e) => e.type)).toEqual([
      'test.2',
      'test.3',
      'test.4',
    ]);
    expect(await readDomainEventsAfter(db, ids[1]!, { limit: 1 })).toHaveLength(1);
  });
});
