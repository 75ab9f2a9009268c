import { createEvent, listEvents, SEARCH_REINDEX_TASK } from '@steppingstones/core/events';
import { insertJob, staticResolver } from '@steppingstones/core/jobs';
import type { Principal } from '@steppingstones/core/permissions';
import { arrangeOperator, createTestContext, type TestContext } from '@steppingstones/core/testing';
import { writeEventSearchDocs } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { ROLE_PERMISSIONS } from '@steppingstones/shared';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningWorker } from './main.ts';
import { startTestWorker, waitFor } from './testing/worker-harness.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

/**
 * Upgrading an instance whose search documents were written under older redaction rules: once the
 * worker has run the reindex the migration queued, a blue-team reader no longer finds an event by a
 * password they only ever see masked.
 */
describe.each(testDialects())('search reindex after an upgrade on %s', (dialect) => {
  let ctx: TestContext;
  let worker: RunningWorker | undefined;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(async () => {
    await worker?.stop(200);
    worker = undefined;
    await ctx.dispose();
  });

  const reindexJobs = () =>
    ctx.database.db
      .selectFrom('job')
      .select(['id', 'status', 'engagement_id'])
      .where('task', '=', 'core:search.reindex')
      .execute();

  it('the worker’s reindex job rebuilds the old documents', async () => {
    const { principal: op } = await arrangeOperator(ctx.services(), ['UPG']);
    const blue: Principal = { ...op, permissions: new Set(ROLE_PERMISSIONS['blue-read-only']) };
    const event = await createEvent(ctx.services(), op, {
      engagement: 'UPG',
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01', user: 'pw: UpgradeSecret1', process: 'mysql' },
      target: { host: 'DC01' },
      description: 'Logged in to the database',
    });
    // The document as the older version wrote it: the context's password in the public text.
    await writeEventSearchDocs(ctx.database.db, [
      { eventId: event.id, publicText: 'Logged in\nWS01\npw: UpgradeSecret1\nmysql\nDC01', secretText: null },
    ]);
    const blueFinds = async () =>
      (
        await listEvents(
          ctx.database.db,
          blue,
          eventListQuerySchema.parse({ engagement: 'UPG', search: 'UpgradeSecret1' }),
        )
      ).results.map((e) => e.id);
    expect(await blueFinds()).toEqual([event.id]);

    // The upgrade queues the reindex as migration 0022 does (its own test: 0022-search-reindex.test.ts).
    await insertJob(ctx.services(), { task: SEARCH_REINDEX_TASK, payload: {}, maxAttempts: 5 });
    const queued = await reindexJobs();
    expect(queued).toMatchObject([{ status: 'queued', engagement_id: null }]);

    // The worker's own core tasks include the reindex; no test task is added.
    worker = await startTestWorker(ctx, staticResolver([]));
    await waitFor(async () => (await reindexJobs())[0]?.status === 'succeeded', 'the reindex job to succeed');
    expect(await blueFinds()).toEqual([]);
    const opFinds = await listEvents(
      ctx.database.db,
      op,
      eventListQuerySchema.parse({ engagement: 'UPG', search: 'UpgradeSecret1' }),
    );
    expect(opFinds.results.map((e) => e.id)).toEqual([event.id]);
  });
});
