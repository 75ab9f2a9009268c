import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { s3StoreFor } from '@steppingstones/core/attachments';
import { testDialects } from '@steppingstones/db/testing';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngagement } from '../testing/index.ts';
import { downloadAttachment, PNG_1X1, uploadAttachment } from './attachments.fixture.ts';
import { createEvent, type EventWorld, startEventWorld } from './events.fixture.ts';

/**
 * ATTACHMENTS_S3_URL against a real S3-compatible server the test starts itself (s3rver, see
 * docs/adr/0008-attachments-storage-and-s3-test-server.md): uploads stream to the bucket (multipart above 8 MiB),
 * downloads stream back, removal and purges delete the objects, and no bytes land in the database.
 */
describe.each(testDialects())('attachments in an S3-compatible bucket on %s', (dialect) => {
  let s3: S3rver;
  let dir: string;
  let w: EventWorld;
  let url: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-s3-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'evidence', configs: [] }],
    });
    const { port } = (await s3.run()) as { port: number };
    url = `http://S3RVER:S3RVER@127.0.0.1:${port}/evidence/steppingstones`;
    w = await startEventWorld(dialect, { ATTACHMENTS_S3_URL: url });
  }, 120_000);
  afterAll(async () => {
    await w.stop();
    await s3.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const objectExists = async (key: string) =>
    s3StoreFor(url)
      .get(key)
      .then((stream) => {
        stream.destroy();
        return true;
      })
      .catch(() => false);
  const keyOf = async (id: number) =>
    (
      await w.server.ctx.database.db
        .selectFrom('attachment')
        .select(['storage', 'storage_key'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).storage_key ?? '';

  it('streams uploads to the bucket and back, and removes the object with the attachment', async () => {
    const event = await createEvent(w.alice);
    const small = await uploadAttachment(w.alice, event.id, 'shot.png', PNG_1X1);
    expect(small.status).toBe(201);
    const big = crypto.randomBytes(9 * 1024 * 1024);
    const large = await uploadAttachment(w.alice, event.id, 'memory.bin', big);
    expect(large.status).toBe(201);
    expect(large.body.sha256).toBe(crypto.createHash('sha256').update(big).digest('hex'));

    const db = w.server.ctx.database.db;
    expect(await db.selectFrom('attachment_chunk').select('seq').execute()).toEqual([]);
    const key = await keyOf(large.body.id);
    expect(key).toMatch(/^steppingstones\/attachments\//);
    expect(await objectExists(key)).toBe(true);

    expect((await downloadAttachment(w.alice, small.body.id)).bytes.equals(PNG_1X1)).toBe(true);
    const got = await downloadAttachment(w.alice, large.body.id);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(got.bytes.equals(big)).toBe(true);
    const part = await downloadAttachment(w.alice, large.body.id, { range: 'bytes=8388600-8388615' });
    expect(part.status).toBe(206);
    expect(part.bytes.equals(big.subarray(8388600, 8388616))).toBe(true);
    expect((await downloadAttachment(w.blue, large.body.id)).status).toBe(404);

    expect((await w.alice.del(`/api/v1/attachments/${large.body.id}/`)).status).toBe(204);
    expect(await objectExists(key)).toBe(false);
  });

  it('removes the objects of a purged engagement', async () => {
    await createTestEngagement(w.server.ctx, 'S3GONE');
    const event = await createEvent(w.admin, { engagement: 'S3GONE', operator: 'admin' });
    const up = await uploadAttachment(w.admin, event.id, 'gone.png', PNG_1X1);
    const key = await keyOf(up.body.id);
    expect(await objectExists(key)).toBe(true);
    expect((await w.admin.post('/api/v1/engagements/S3GONE/purge/', { confirm_code: 'S3GONE' })).status).toBe(
      204,
    );
    expect(await objectExists(key)).toBe(false);
  });
});
