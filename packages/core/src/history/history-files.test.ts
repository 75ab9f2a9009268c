import { testDialects } from '@steppingstones/db/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, patchEvent } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { revisionHash } from './chain-hash.ts';
import { historyKeyOf, listEventRevisions, verifyHistory } from './index.ts';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA256_OLD = 'a'.repeat(64);
const SHA256_NEW = 'b'.repeat(64);
const part = (host: string) => ({ host, user: 'CORP\\alice', process: 'beacon.exe' });

/** A shared file (one record used by several events) changes like a shared context: history records it. */
describe.each(testDialects())('history of shared files on %s', (dialect) => {
  let ctx: TestContext;
  let op: Principal;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: op } = await arrangeOperator(ctx.services(), ['FILES']));
  });
  afterEach(() => ctx.dispose());

  const db = () => ctx.database.db;
  const key = () => historyKeyOf(ctx);
  /** Two events distributing the same file (the second merges into it by name + size + MD5). */
  async function twoEventsSharingAFile() {
    const file = {
      filename: 'loader.dll',
      size: 4096,
      md5: MD5,
      sha256: SHA256_OLD,
      description: 'Stage one',
    };
    const first = await createEvent(ctx.services(), op, {
      engagement: 'FILES',
      timestamp: '2026-03-02T10:00:00Z',
      source: part('WS01'),
      target: part('WS02'),
      description: 'Dropped the loader on WS02',
      files: [{ ...file, location: 'C:\\Windows\\Temp\\loader.dll' }],
    });
    const second = await createEvent(ctx.services(), op, {
      engagement: 'FILES',
      timestamp: '2026-03-02T11:00:00Z',
      source: part('WS01'),
      target: part('WS03'),
      description: 'Dropped the loader on WS03',
      files: [{ ...file, location: 'C:\\Users\\Public\\loader.dll' }],
    });
    const fileId = first.files[0]!.file_id;
    expect(second.files[0]!.file_id).toBe(fileId);
    return { first, second, fileId };
  }

  it('keeps a file whole in each revision: hashes, description, location', async () => {
    const { first, fileId } = await twoEventsSharingAFile();
    const [created] = await listEventRevisions(db(), op, first.id);
    expect(created?.snapshot.files).toEqual([
      {
        file_id: fileId,
        filename: 'loader.dll',
        size: 4096,
        md5: MD5,
        sha1: null,
        sha256: SHA256_OLD,
        description: 'Stage one',
        location: 'C:\\Windows\\Temp\\loader.dll',
        removed: false,
      },
    ]);
  });

  it('records an edit of a shared file as a revision of every other event using it', async () => {
    const { first, second, fileId } = await twoEventsSharingAFile();
    const before = (await listEventRevisions(db(), op, second.id)).length;
    await patchEvent(ctx.services(), op, first.id, {
      files: [
        {
          file_id: fileId,
          filename: 'loader.dll',
          size: 4096,
          md5: MD5,
          sha256: SHA256_NEW,
          description: 'Stage one, rebuilt',
          location: 'C:\\Windows\\Temp\\loader.dll',
        },
      ],
    });
    const revisions = await listEventRevisions(db(), op, second.id);
    expect(revisions).toHaveLength(before + 1);
    const [latest] = revisions;
    expect(latest).toMatchObject({ action: 'update', actor: 'alice' });
    expect(Object.keys(latest!.diff)).toEqual(['files']);
    const [was, now] = latest!.diff.files as [Array<Record<string, unknown>>, Array<Record<string, unknown>>];
    expect(was[0]).toMatchObject({ sha256: SHA256_OLD, description: 'Stage one' });
    // The other event's own location stays its own.
    expect(now[0]).toMatchObject({
      sha256: SHA256_NEW,
      description: 'Stage one, rebuilt',
      location: 'C:\\Users\\Public\\loader.dll',
    });
    // The edited event itself gets one revision, not two.
    expect((await listEventRevisions(db(), op, first.id)).map((r) => r.action)).toEqual(['update', 'create']);
    expect((await verifyHistory(db(), key())).ok).toBe(true);
  });

  it('records nothing for the other events when the form sends the file back unchanged', async () => {
    const { first, second, fileId } = await twoEventsSharingAFile();
    await patchEvent(ctx.services(), op, first.id, {
      description: 'Dropped the loader on WS02 (confirmed)',
      files: [
        {
          file_id: fileId,
          filename: 'loader.dll',
          size: 4096,
          md5: MD5,
          sha256: SHA256_OLD,
          description: 'Stage one',
          location: 'C:\\Windows\\Temp\\loader.dll',
        },
      ],
    });
    expect((await listEventRevisions(db(), op, second.id)).map((r) => r.action)).toEqual(['create']);
    expect((await verifyHistory(db(), key())).ok).toBe(true);
  });

  it.each([
    ['sha256', `'${'c'.repeat(64)}'`],
    ['sha1', `'${'d'.repeat(40)}'`],
    ['description', `'Harmless test file'`],
  ])('verify names an event whose file %s was changed directly in the database', async (column, value) => {
    const { first } = await twoEventsSharingAFile();
    expect((await verifyHistory(db(), key())).ok).toBe(true);
    await sql`update file set ${sql.ref(column)} = ${sql.raw(value)}`.execute(db());
    const report = await verifyHistory(db(), key());
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: 'event-altered', eventId: first.id });
  });

  it('accepts revisions written before files were kept whole, and does not read them as a file change', async () => {
    const { second } = await twoEventsSharingAFile();
    // Rewrite the chain head (the second event's creation) as an older version wrote it: files held
    // only name, size and MD5. The head is the last link, so re-signing it leaves a valid chain.
    const head = await db()
      .selectFrom('event_revision')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(Number(head.event_id)).toBe(second.id);
    const snapshot = JSON.parse(head.snapshot);
    snapshot.files = snapshot.files.map(
      ({ sha1: _a, sha256: _b, description: _c, ...kept }: Record<string, unknown>) => kept,
    );
    const legacy = { ...head, snapshot: JSON.stringify(snapshot), diff: '{}' };
    const hash = revisionHash(key(), legacy);
    await db()
      .updateTable('event_revision')
      .set({ snapshot: legacy.snapshot, diff: legacy.diff, hash })
      .where('id', '=', head.id)
      .execute();
    await db().updateTable('history_head').set({ hash }).execute();
    expect((await verifyHistory(db(), key())).ok).toBe(true);

    await patchEvent(ctx.services(), op, second.id, { detected: 'FUL' });
    const [latest] = await listEventRevisions(db(), op, second.id);
    expect(latest?.diff).toEqual({ detected: ['UNK', 'FUL'] });
    expect(latest?.snapshot.files[0]).toMatchObject({ sha256: SHA256_OLD, description: 'Stage one' });
    expect((await verifyHistory(db(), key())).ok).toBe(true);
  });
});
