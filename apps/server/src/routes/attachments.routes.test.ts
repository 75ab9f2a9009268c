import crypto from 'node:crypto';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login } from '../testing/index.ts';
import { downloadAttachment, listAttachments, PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import {
  createEvent,
  type EventWorld,
  PLANTED_EVIDENCE,
  PLANTED_HASH,
  startEventWorld,
} from './events.fixture.ts';

describe.each(testDialects())('event attachments over HTTP on %s', (dialect) => {
  let w: EventWorld;
  let lead: ApiClient;
  let carol: ApiClient;
  beforeAll(async () => {
    w = await startEventWorld(dialect);
    await createTestUser(w.server.ctx, { username: 'lena', role: 'lead', engagements: ['ACME'] });
    lead = await login(w.server.url, 'lena');
    carol = await login(w.server.url, 'carol');
  }, 120_000);
  afterAll(() => w.stop());

  it('adds, lists, downloads, shares and removes a screenshot', async () => {
    const event = await createEvent(w.alice);
    const up = await uploadAttachment(w.alice, event.id, 'shot.png', PNG_1X1, {
      'content-type': 'text/plain',
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      filename: 'shot.png',
      size: PNG_1X1.length,
      sha256: crypto.createHash('sha256').update(PNG_1X1).digest('hex'),
      content_type: 'image/png',
      shared: false,
      created_by: 'alice',
    });
    expect(await listAttachments(w.alice, event.id)).toEqual([up.body]);

    const got = await downloadAttachment(w.alice, up.body.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG_1X1)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toMatch(/^inline; filename="shot.png"/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const etag = got.headers.get('etag') ?? '';
    expect((await downloadAttachment(w.alice, up.body.id, { 'if-none-match': etag })).status).toBe(304);

    // Another operator may not share what alice uploaded; the lead may.
    const patch = `/api/v1/attachments/${up.body.id}/`;
    expect((await carol.patch(patch, { shared: true })).status).toBe(403);
    const shared = await lead.patch<{ shared: boolean }>(patch, { shared: true });
    expect(shared.status).toBe(200);
    expect(shared.body.shared).toBe(true);
    expect((await w.alice.patch(patch, { shared: 'yes' })).status).toBe(400);

    expect((await w.alice.del(patch)).status).toBe(204);
    expect(await listAttachments(w.alice, event.id)).toEqual([]);
    expect((await downloadAttachment(w.alice, up.body.id)).status).toBe(404);
  });

  it('serves byte ranges of the stored bytes, across chunk boundaries', async () => {
    const event = await createEvent(w.alice);
    const bytes = crypto.randomBytes(2 * 1024 * 1024 + 500);
    const up = await uploadAttachment(w.alice, event.id, 'memory.bin', bytes);
    expect(up.status).toBe(201);
    const boundary = 1024 * 1024;
    const across = await downloadAttachment(w.alice, up.body.id, {
      range: `bytes=${boundary - 10}-${boundary + 9}`,
    });
    expect(across.status).toBe(206);
    expect(across.headers.get('content-range')).toBe(
      `bytes ${boundary - 10}-${boundary + 9}/${bytes.length}`,
    );
    expect(across.bytes.equals(bytes.subarray(boundary - 10, boundary + 10))).toBe(true);
    const tail = await downloadAttachment(w.alice, up.body.id, { range: 'bytes=-100' });
    expect(tail.bytes.equals(bytes.subarray(bytes.length - 100))).toBe(true);
    const rest = await downloadAttachment(w.alice, up.body.id, { range: `bytes=${2 * boundary}-` });
    expect(rest.bytes.equals(bytes.subarray(2 * boundary))).toBe(true);
    const outside = await downloadAttachment(w.alice, up.body.id, { range: `bytes=${bytes.length}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    // A range of another version (If-Range) gets the whole file.
    const stale = await downloadAttachment(w.alice, up.body.id, {
      range: 'bytes=0-9',
      'if-range': '"other"',
    });
    expect([stale.status, stale.bytes.length]).toEqual([200, bytes.length]);
  });

  it('shows the blue team only shared attachments, in every path, and never lets it write', async () => {
    const event = await createEvent(w.alice);
    const secret = await uploadAttachment(w.alice, event.id, 'red-only.png', PNG_1X1);
    const open = await uploadAttachment(w.alice, event.id, 'for-blue.png', PNG_1X1);
    expect((await w.alice.patch(`/api/v1/attachments/${open.body.id}/`, { shared: true })).status).toBe(200);

    for (const reader of [w.blue, w.limited]) {
      expect((await listAttachments(reader, event.id)).map((a) => a.filename)).toEqual(['for-blue.png']);
      expect((await downloadAttachment(reader, open.body.id)).status).toBe(200);
      // Not shared: 404 like an attachment that does not exist, never 403.
      expect((await downloadAttachment(reader, secret.body.id)).status).toBe(404);
      expect((await uploadAttachment(reader, event.id, 'blue.png', PNG_1X1)).status).toBe(403);
      expect((await reader.patch(`/api/v1/attachments/${open.body.id}/`, { shared: false })).status).toBe(
        403,
      );
      expect((await reader.del(`/api/v1/attachments/${open.body.id}/`)).status).toBe(403);
      // The event's history names only the shared attachment.
      const history = await reader.get<{
        results: Array<{ seq: number; snapshot: { attachments?: Array<{ filename: string }> } }>;
      }>(`/api/v1/events/${event.id}/history/`);
      const latest = [...history.body.results].sort((a, b) => b.seq - a.seq)[0];
      const last = latest?.snapshot.attachments ?? [];
      expect(last.map((a) => a.filename)).toEqual(['for-blue.png']);
      expect(JSON.stringify(history.body)).not.toContain('red-only.png');
    }
    // Not a member of the engagement: 404 everywhere.
    expect((await w.bob.get(`/api/v1/events/${event.id}/attachments/`)).status).toBe(404);
    expect((await downloadAttachment(w.bob, open.body.id)).status).toBe(404);
    expect((await uploadAttachment(w.bob, event.id, 'x.png', PNG_1X1)).status).toBe(404);
  });

  it('serves everything but raster images as a download, and masks text for the blue team', async () => {
    const event = await createEvent(w.alice);
    const html = await uploadAttachment(
      w.alice,
      event.id,
      'page.html',
      '<!doctype html><script>alert(1)</script>',
    );
    const svg = await uploadAttachment(
      w.alice,
      event.id,
      'logo.svg',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    expect([html.body.content_type, svg.body.content_type]).toEqual(['text/html', 'image/svg+xml']);
    for (const id of [html.body.id, svg.body.id]) {
      const got = await downloadAttachment(w.alice, id);
      expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    }

    const cast = `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n[0.5, "o", "${PLANTED_EVIDENCE}\\r\\n"]\n`;
    const rec = await uploadAttachment(w.alice, event.id, 'session.cast', cast);
    expect(rec.body.content_type).toBe('application/x-asciicast');
    const log = await uploadAttachment(w.alice, event.id, 'dump.log', `${PLANTED_EVIDENCE}\nsecond line\n`);
    expect(log.body.content_type).toBe('text/plain');
    for (const id of [rec.body.id, log.body.id])
      expect((await w.alice.patch(`/api/v1/attachments/${id}/`, { shared: true })).status).toBe(200);

    const red = await downloadAttachment(w.alice, log.body.id);
    expect(red.bytes.toString()).toContain(PLANTED_HASH);
    for (const id of [rec.body.id, log.body.id]) {
      const blue = await downloadAttachment(w.blue, id);
      expect(blue.status).toBe(200);
      expect(blue.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(blue.bytes.toString()).not.toContain(PLANTED_HASH);
      expect(blue.bytes.toString()).toContain('«redacted»');
    }
  });
});
