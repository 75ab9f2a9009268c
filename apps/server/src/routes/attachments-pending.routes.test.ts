import { PENDING_MAX_AGE_MS, PENDING_STORAGE, sweepAbandonedUploads } from '@steppingstones/core/attachments';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttachment, listAttachments, uploadAttachment } from './attachments.fixture.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

const MIB = 1024 * 1024;

/** Waits for a condition the server reaches on its own (an upload's rows written or removed). */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

// Database uploads stream into chunk rows under a pending attachment row (see attachment.pending.ts).
describe.each(testDialects())('attachment uploads in progress on %s', (dialect) => {
  let w: EventWorld;
  let eventId: number;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    eventId = (await createEvent(w.alice)).id;
  }, 120_000);
  afterAll(() => w.stop());

  const db = () => w.server.ctx.database.db;
  const rowCounts = async () => ({
    rows: (await db().selectFrom('attachment').select('id').execute()).length,
    chunks: (await db().selectFrom('attachment_chunk').select('seq').execute()).length,
  });

  it('shows no reader an upload still arriving, and leaves nothing when the client goes away', async () => {
    let stop: (reason: Error) => void = () => undefined;
    let sent = 0;
    // Three MiB, then the client hangs until it aborts.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stop = (reason) => controller.error(reason);
      },
      pull(controller) {
        if (sent >= 3 * MIB) return new Promise<void>(() => undefined);
        sent += MIB / 4;
        controller.enqueue(new Uint8Array(MIB / 4).fill(7));
      },
    });
    const upload = uploadAttachment(w.alice, eventId, 'dump.bin', body).catch((error: Error) => error);
    await until('three chunks stored', async () => (await rowCounts()).chunks >= 3);
    const pending = await db().selectFrom('attachment').select(['id', 'storage']).executeTakeFirstOrThrow();
    expect(pending.storage).toBe(PENDING_STORAGE);
    // Invisible: not listed, not downloadable, not counted on the event.
    expect(await listAttachments(w.alice, eventId)).toEqual([]);
    expect((await downloadAttachment(w.alice, Number(pending.id))).status).toBe(404);
    const event = await w.alice.get<{ attachment_count?: number }>(`/api/v1/events/${eventId}/`);
    expect(event.body.attachment_count).toBe(0);

    stop(new Error('the client went away'));
    expect(await upload).toBeInstanceOf(Error);
    await until('the pending upload removed', async () => (await rowCounts()).rows === 0);
    expect(await rowCounts()).toEqual({ rows: 0, chunks: 0 });

    // The next upload is stored whole and is the only one.
    const done = await uploadAttachment(w.alice, eventId, 'next.bin', Buffer.alloc(MIB + 5, 3));
    expect(done.status).toBe(201);
    expect(await rowCounts()).toEqual({ rows: 1, chunks: 2 });
    await db().deleteFrom('attachment').execute();
  });

  it('sweeps away pending uploads older than a day, with their chunks, and keeps recent ones', async () => {
    const now = w.server.ctx.clock.now();
    const pendingRow = async (createdAt: number) => {
      const row = await db()
        .insertInto('attachment')
        .values({
          engagement_id: (
            await db()
              .selectFrom('event')
              .select('engagement_id')
              .where('id', '=', eventId)
              .executeTakeFirstOrThrow()
          ).engagement_id,
          event_id: eventId,
          filename: 'cut-off.bin',
          size: 0,
          sha256: '',
          content_type: '',
          shared: 0,
          storage: PENDING_STORAGE,
          storage_key: null,
          created_by: null,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('attachment_chunk')
        .values({ attachment_id: row.id, seq: 0, bytes: Buffer.alloc(16, 1) })
        .execute();
      return Number(row.id);
    };
    await pendingRow(now - PENDING_MAX_AGE_MS - 1);
    const recent = await pendingRow(now - 1000);
    expect(await sweepAbandonedUploads(db(), w.server.ctx.clock)).toBe(1);
    const left = await db().selectFrom('attachment').select('id').execute();
    expect(left.map((r) => Number(r.id))).toEqual([recent]);
    expect(await rowCounts()).toEqual({ rows: 1, chunks: 1 });
    await db().deleteFrom('attachment').execute();
  });
});
