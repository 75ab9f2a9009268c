import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

/** MAX_ATTACHMENT_MB is 0.01 here: 10485 bytes. */
const LIMIT = Math.round(0.01 * 1024 * 1024);

describe.each(testDialects())('refused attachment uploads on %s', (dialect) => {
  let w: EventWorld;
  let eventId: number;
  beforeAll(async () => {
    // A body limit far below the attachment cap: uploads are not bound by MAX_BODY_MB.
    w = await startEventWorld(dialect, { MAX_ATTACHMENT_MB: '0.01', MAX_BODY_MB: '0.001' });
    eventId = (await createEvent(w.alice)).id;
  }, 120_000);
  afterAll(() => w.stop());

  const refusedField = (body: {
    details?: { fields: Array<{ field: string }> };
    fields?: Array<{ field: string }>;
  }) => (body.details?.fields ?? body.fields ?? []).map((f) => f.field);

  it('refuses what the bytes contradict, empty and broken files, and bad names, storing nothing', async () => {
    const cases: Array<[string | null, Buffer | string, number, string, RegExp]> = [
      ['shot.png', 'not an image at all', 422, 'filename', /says \.png but the file is/],
      ['shot.jpg', PNG_1X1, 422, 'filename', /says \.jpg but the file is image\/png/],
      ['notes.txt', PNG_1X1, 422, 'filename', /not text/],
      ['empty.bin', Buffer.alloc(0), 422, 'body', /empty/],
      ['cut.png', PNG_1X1.subarray(0, PNG_1X1.length - 12), 422, 'body', /truncated/],
      ['header.png', PNG_1X1.subarray(0, 20), 422, 'body', /broken image/],
      ['rec.cast', 'just words\n', 422, 'body', /asciinema/],
      ['../etc/passwd', 'x', 400, 'filename', /without a path/],
      ['a\\b.txt', 'x', 400, 'filename', /without a path/],
      ['line\nbreak.txt', 'x', 400, 'filename', /control characters/],
      ['invoice\u202egpj.exe', 'x', 400, 'filename', /control characters/],
      ['notes.txt', Buffer.from([0xff, 0xfe, 0x00, 0x41]), 422, 'filename', /not text/],
      [null, 'x', 400, 'filename', /required/],
    ];
    for (const [name, body, status, field, message] of cases) {
      const res = await uploadAttachment(w.alice, eventId, name, body);
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(refusedField(res.body)).toEqual([field]);
      expect(res.body.message).toMatch(message);
    }
    const multipart = await uploadAttachment(w.alice, eventId, 'a.txt', '--x\r\n', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(multipart.status).toBe(400);
    expect(multipart.body.message).toMatch(/not a multipart form/);
    await expectNothingStored();
  });

  it('refuses a file over MAX_ATTACHMENT_MB by its Content-Length and while streaming', async () => {
    const big = Buffer.alloc(LIMIT + 1, 'a');
    const declared = await uploadAttachment(w.alice, eventId, 'big.log', big);
    expect(declared.status).toBe(413);
    expect(declared.body.message).toMatch(
      /body: the file is larger than the limit of 0.01 MB \(MAX_ATTACHMENT_MB\)/,
    );

    // Without a Content-Length (chunked): refused once the count passes the cap.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMIT * 4) return controller.close();
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(97));
      },
    });
    const chunked = await uploadAttachment(w.alice, eventId, 'stream.log', stream);
    expect(chunked.status).toBe(413);
    await expectNothingStored();

    // Just under the cap (and far above MAX_BODY_MB) is taken.
    const fits = await uploadAttachment(w.alice, eventId, 'fits.log', Buffer.alloc(LIMIT, 'a'));
    expect(fits.status).toBe(201);
  });

  async function expectNothingStored() {
    const db = w.server.ctx.database.db;
    const rows = await db.selectFrom('attachment').select('id').execute();
    const chunks = await db.selectFrom('attachment_chunk').select('seq').execute();
    expect([rows.length, chunks.length]).toEqual([0, 0]);
    const spool = path.join(w.server.ctx.config.dataDir, 'uploads');
    expect(fs.existsSync(spool) ? fs.readdirSync(spool) : []).toEqual([]);
  }
});
