import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkEditEvents } from '../bulk-edit/index.ts';
import { createEvent, patchEvent } from '../events/index.ts';
import { seedEvents } from '../events/testing/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { createWebhook } from './webhook.service.ts';
import { fanOutWebhooks } from './webhook-fanout.ts';

interface Queued {
  webhookId: number;
  body: string;
}

describe.each(testDialects())(
  'webhook messages of bulk edits and their timing on %s',
  { timeout: 120_000 },
  (dialect) => {
    let ctx: TestContext;
    let op: Principal;
    let engagementId: number;
    let seenJobs = 0;
    beforeEach(async () => {
      ctx = await createTestContext(dialect);
      let ids: number[];
      ({ principal: op, engagementIds: ids } = await arrangeOperator(ctx.services(), ['BULK']));
      engagementId = ids[0]!;
      await createWebhook(ctx.services(), { url: 'https://hooks.example.test/in' });
      seenJobs = 0;
    });
    afterEach(() => ctx.dispose());

    const newEvent = (description: string) =>
      createEvent(ctx.services(), op, {
        engagement: 'BULK',
        timestamp: '2026-03-02T14:02:09Z',
        source: { host: 'WS01' },
        target: { host: 'DC01' },
        description,
      });
    /** Fans the outbox out and returns the messages queued since the last call. */
    const messages = async () => {
      await fanOutWebhooks(ctx.services(), { batchSize: 1000 });
      const jobs = await ctx.database.db.selectFrom('job').select('payload').orderBy('id').execute();
      const fresh = jobs.slice(seenJobs).map((j) => JSON.parse((JSON.parse(j.payload) as Queued).body));
      seenJobs = jobs.length;
      return fresh as Array<Record<string, unknown>>;
    };

    it('sends one message per changed event for a bulk edit of up to 100, like single edits', async () => {
      const a = await newEvent('Kerberoasted svc_sql');
      const b = await newEvent('Dumped LSASS');
      await messages();
      const result = await bulkEditEvents(ctx.services(), op, {
        engagement: 'BULK',
        ids: [a.id, b.id],
        expected_count: 2,
        changes: { detected: 'FUL', add_tags: ['reviewed'] },
      });
      expect(result.count).toBe(2);
      const sent = await messages();
      expect(sent.map((m) => [m.type, m.event_id])).toEqual([
        ['event updated', a.id],
        ['detection changed', a.id],
        ['event updated', b.id],
        ['detection changed', b.id],
      ]);
      expect(sent[0]?.message).toBe(`Event ${a.id} updated in BULK: Kerberoasted svc_sql`);
      expect(sent[0]?.actor).toBe('alice');
    });

    it('sends one `events bulk updated` message with the count and the filter above 100 events', async () => {
      await seedEvents(ctx.database, { engagementId, operatorUserId: op.userId, count: 101 });
      await messages();
      await bulkEditEvents(ctx.services(), op, {
        engagement: 'BULK',
        filter: { from: '2020-01-01T00:00:00Z' },
        expected_count: 101,
        changes: { prevented: 'FUL' },
      });
      const sent = await messages();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ type: 'events bulk updated', count: 101, engagement: 'BULK' });
      expect(sent[0]?.message).toBe('101 events updated at once in BULK');
      expect(sent[0]?.filter).toMatchObject({ from: '2020-01-01T00:00:00Z' });
    });

    it('carries the state at the time of the change, not at delivery', async () => {
      const e = await newEvent('First words');
      await patchEvent(ctx.services(), op, e.id, { description: 'Second words', detected: 'FUL' });
      // The fan-out runs only now, after both changes.
      const sent = await messages();
      expect(sent.map((m) => [m.type, m.message])).toEqual([
        ['event created', `Event ${e.id} created in BULK: First words`],
        ['event updated', `Event ${e.id} updated in BULK: Second words`],
        ['detection changed', expect.stringContaining('detected: Alert Raised')],
      ]);
    });
  },
);
