import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

/**
 * Images stored in an S3-compatible bucket (ATTACHMENTS_S3_URL, a server the test starts) are embedded
 * like those in the database: the HTML report reads them in its render thread, the PDF on the server.
 */
describe.each(testDialects())('report and PDF images from an S3 bucket on %s', (dialect) => {
  let s3: S3rver;
  let dir: string;
  let w: EventWorld;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-s3-images-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'evidence', configs: [] }],
    });
    const { port } = (await s3.run()) as { port: number };
    w = await startEventWorld(dialect, {
      ATTACHMENTS_S3_URL: `http://S3RVER:S3RVER@127.0.0.1:${port}/evidence/steppingstones`,
    });
    const event = await createEvent(w.alice);
    const up = await uploadAttachment(w.alice, event.id, 'bucket-shot.png', PNG_1X1);
    expect(up.status).toBe(201);
    const stored = await w.server.ctx.database.db
      .selectFrom('attachment')
      .select('storage')
      .where('id', '=', up.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.storage).toBe('s3');
    expect((await w.alice.patch(`/api/v1/attachments/${up.body.id}/`, { shared: true })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('embeds the image in the HTML event log for the red and the blue team', async () => {
    for (const c of [w.alice, w.blue]) {
      const res = await c.get<string>(
        '/api/v1/reports/html-reports/html-event-logs/?engagement=ACME&includeImages=true',
      );
      expect(res.status).toBe(200);
      const [src] = [...res.body.matchAll(/<img src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1]);
      expect(Buffer.from(src ?? '', 'base64').equals(PNG_1X1)).toBe(true);
    }
  });

  it('embeds the image in the PDF', async () => {
    const res = await fetch(`${w.server.url}/api/v1/events/export/?engagement=ACME&format=pdf&images=true`, {
      headers: { cookie: w.blue.cookie ?? '' },
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(new Set(pdf.match(/\/I\d+ \d+ 0 R/g)).size).toBe(1);
  });
});
