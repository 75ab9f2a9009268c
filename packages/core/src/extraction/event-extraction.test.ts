import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, patchEvent } from '../events/index.ts';
import type { TaskRunContext } from '../jobs/task-definition.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { extractEventTask } from './event-extraction.task.ts';
import { EXTRACT_EVENT_TASK, queueEventExtractions } from './event-extraction.ts';

const LM = 'aad3b435b51404eeaad3b435b51404ee';
const DUMP = [
  '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
  `corp.local\\Administrator:500:${LM}:8846f7eaee8fb117ad06bdd830b7586c:::`,
  `corp.local\\krbtgt:502:${LM}:${'0123456789abcdef'.repeat(2)}:::`,
].join('\n');

describe.each(testDialects())('credential extraction of saved events on %s', (dialect) => {
  let ctx: TestContext;
  let op: Principal;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: op } = await arrangeOperator(ctx.services(), ['OPS']));
    // The follower's first poll starts at the current end of the outbox.
    await queueEventExtractions(ctx.services());
  });
  afterEach(() => ctx.dispose());

  /** What the worker does: the follower queues jobs, each job runs the task. */
  async function runWorker(): Promise<number> {
    await queueEventExtractions(ctx.services());
    const jobs = await ctx.database.db
      .selectFrom('job')
      .select(['id', 'payload'])
      .where('task', '=', EXTRACT_EVENT_TASK)
      .where('status', '=', 'queued')
      .execute();
    for (const job of jobs) {
      const run = {
        job: { id: Number(job.id), task: EXTRACT_EVENT_TASK, attempt: 1, maxAttempts: 5 },
        payload: JSON.parse(job.payload),
        database: async () => ctx.database,
        services: async () => ctx.services(),
      } as unknown as TaskRunContext;
      await extractEventTask(run);
      await ctx.database.db
        .updateTable('job')
        .set({ status: 'succeeded' })
        .where('id', '=', Number(job.id))
        .execute();
    }
    return jobs.length;
  }

  const vault = () =>
    ctx.database.db
      .selectFrom('credential')
      .select(['system', 'account', 'hash', 'hash_type', 'event_id', 'source'])
      .orderBy('account')
      .execute();

  it('an event saved with secretsdump output makes vault entries linked to it, once', async () => {
    const event = await createEvent(ctx.services(), op, {
      engagement: 'OPS',
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description: 'DCSync of the domain',
      raw_evidence: DUMP,
    });
    expect(await vault()).toEqual([]);
    expect(await runWorker()).toBe(1);
    const rows = await vault();
    expect(rows.map((r) => [r.system, r.account, r.hash, Number(r.hash_type), Number(r.event_id)])).toEqual([
      ['corp.local', 'Administrator', '8846f7eaee8fb117ad06bdd830b7586c', 1000, event.id],
      ['corp.local', 'krbtgt', '0123456789abcdef0123456789abcdef', 1000, event.id],
    ]);

    // Re-parsing the same text adds nothing; removing the dump from the evidence deletes nothing.
    await patchEvent(ctx.services(), op, event.id, { outcome: 'Domain compromised' });
    expect(await runWorker()).toBe(1);
    await patchEvent(ctx.services(), op, event.id, { raw_evidence: 'redacted by the operator' });
    expect(await runWorker()).toBe(1);
    expect(await vault()).toEqual(rows);
  });

  it('an event without credentials queues a job that adds nothing', async () => {
    await createEvent(ctx.services(), op, {
      engagement: 'OPS',
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description: 'Ran whoami',
      raw_evidence: 'corp\\alice',
    });
    expect(await runWorker()).toBe(1);
    expect(await vault()).toEqual([]);
  });
});
