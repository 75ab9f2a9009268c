import crypto from 'node:crypto';
import { historyKeyOf, verifyHistory } from '@steppingstones/core/history';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngagement } from '../testing/index.ts';
import { downloadAttachment, listAttachments, PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

interface Revision {
  seq: number;
  diff: Record<string, [unknown, unknown]>;
}

describe.each(testDialects())('attachments in history, the trash and purges on %s', (dialect) => {
  let w: EventWorld;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
  }, 120_000);
  afterAll(() => w.stop());
  const verify = () => verifyHistory(w.server.ctx.database.db, historyKeyOf(w.server.ctx));

  it('records adding, sharing and removing as revisions whose hash covers the bytes', async () => {
    const event = await createEvent(w.alice);
    const up = await uploadAttachment(w.alice, event.id, 'shot.png', PNG_1X1);
    expect((await w.alice.patch(`/api/v1/attachments/${up.body.id}/`, { shared: true })).status).toBe(200);
    expect((await w.alice.del(`/api/v1/attachments/${up.body.id}/`)).status).toBe(204);
    const history = await w.alice.get<{ results: Revision[] }>(`/api/v1/events/${event.id}/history/`);
    const diffs = [...history.body.results].sort((a, b) => a.seq - b.seq).map((r) => r.diff.attachments);
    const sha256 = crypto.createHash('sha256').update(PNG_1X1).digest('hex');
    expect(diffs.slice(1)).toEqual([
      [null, [expect.objectContaining({ filename: 'shot.png', sha256, shared: false })]],
      [[expect.objectContaining({ shared: false })], [expect.objectContaining({ shared: true })]],
      [[expect.objectContaining({ sha256, shared: true })], null],
    ]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an event whose attachment was altered in the database', async () => {
    const event = await createEvent(w.alice);
    const up = await uploadAttachment(w.alice, event.id, 'shot.png', PNG_1X1);
    expect(await verify()).toMatchObject({ ok: true });
    const db = w.server.ctx.database.db;
    await db
      .updateTable('attachment')
      .set({ sha256: '0'.repeat(64) })
      .where('id', '=', up.body.id)
      .execute();
    expect(await verify()).toMatchObject({
      ok: false,
      problem: { kind: 'event-altered', eventId: event.id },
    });
    await db.updateTable('attachment').set({ sha256: up.body.sha256 }).where('id', '=', up.body.id).execute();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('keeps attachments of an event in the trash, and a purge removes them with their chunks', async () => {
    const event = await createEvent(w.alice);
    const up = await uploadAttachment(w.alice, event.id, 'kept.png', PNG_1X1);
    expect((await w.alice.del(`/api/v1/events/${event.id}/`)).status).toBe(204);
    expect((await downloadAttachment(w.alice, up.body.id)).status).toBe(404);
    expect((await w.alice.get(`/api/v1/events/${event.id}/attachments/`)).status).toBe(404);
    expect((await w.alice.post(`/api/v1/events/${event.id}/undelete/`)).status).toBe(204);
    expect((await downloadAttachment(w.alice, up.body.id)).bytes.equals(PNG_1X1)).toBe(true);

    await createTestEngagement(w.server.ctx, 'GONE');
    const doomed = await createEvent(w.admin, { engagement: 'GONE', operator: 'admin' });
    const gone = await uploadAttachment(w.admin, doomed.id, 'gone.png', PNG_1X1);
    expect(await listAttachments(w.admin, doomed.id)).toHaveLength(1);
    const purge = await w.admin.post('/api/v1/engagements/GONE/purge/', { confirm_code: 'GONE' });
    expect(purge.status).toBe(204);
    const db = w.server.ctx.database.db;
    const left = await db.selectFrom('attachment').select('id').where('id', '=', gone.body.id).execute();
    const chunks = await db
      .selectFrom('attachment_chunk')
      .select('seq')
      .where('attachment_id', '=', gone.body.id)
      .execute();
    expect([left.length, chunks.length]).toEqual([0, 0]);
    expect(await listAttachments(w.alice, event.id)).toHaveLength(1);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
