import { createEngagement } from '@steppingstones/core/engagements';
import type { Principal } from '@steppingstones/core/permissions';
import { createTestContext, insertTestUser, type TestContext } from '@steppingstones/core/testing';
import { type DB, writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from './event.queries.ts';
import { reindexEvents } from './event.search-doc.ts';
import { seedEvents } from './testing/index.ts';

/** An NTLM pair as secretsdump prints it: readers without credential.view never find it. */
const HASH = '8846f7eaee8fb117ad06bdd830b7586c';
const SECRET_LINE = `Administrator:500:aad3b435b51404eeaad3b435b51404ee:${HASH}:::`;

const cast = (...output: string[]) =>
  [
    JSON.stringify({ version: 2, width: 80, height: 24, env: { TERM: 'xtermframeword' } }),
    ...output.map((o, i) => JSON.stringify([i + 0.5, 'o', o])),
  ].join('\n');

const principal = (engagementId: number, permissions: string[]): Principal =>
  ({
    userId: 1,
    username: 'op',
    isSuperuser: false,
    permissions: new Set(permissions),
    engagementIds: [engagementId],
    via: 'session',
  }) as Principal;

/** Stores an attachment as the database storage does (one chunk), the way the service leaves it. */
async function attach(
  db: Kysely<DB>,
  event: { id: number; engagementId: number },
  filename: string,
  contentType: string,
  content: string,
  shared: boolean,
): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const bytes = Buffer.from(content);
    const row = await tx
      .insertInto('attachment')
      .values({
        engagement_id: event.engagementId,
        event_id: event.id,
        filename,
        size: bytes.length,
        sha256: 'f'.repeat(64),
        content_type: contentType,
        shared: shared ? 1 : 0,
        storage: 'db',
        storage_key: null,
        created_by: null,
        created_at: Date.UTC(2026, 0, 2),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('attachment_chunk').values({ attachment_id: row.id, seq: 0, bytes }).execute();
    await reindexEvents(tx, [event.id]);
    return Number(row.id);
  });
}

describe.each(testDialects())('attachments in the grid rows and the search on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  let blue: Principal;
  let withFiles: number;
  let ids: number[];
  const query = (q: Record<string, string | number>) =>
    eventListQuerySchema.parse({ engagement: 'ATT', page_size: 100, ...q });
  const found = async (who: Principal, search: string) =>
    (await listEvents(ctx.database.db, who, query({ search }))).results.map((e) => e.id);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const db = ctx.database.db;
    const userId = await insertTestUser(db, 'op');
    const engagementId = (
      await createEngagement(ctx.services(), {
        code: 'ATT',
        name: 'Attachments',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      })
    ).id;
    const seeded = await seedEvents(ctx.database, { engagementId, operatorUserId: userId, count: 3 });
    ids = [seeded.ids[0], seeded.ids[0] + 1, seeded.ids[1]];
    withFiles = ids[1] as number;
    const event = { id: withFiles, engagementId };
    await attach(db, event, 'shot-1.png', 'image/png', 'png bytes', true);
    await attach(db, event, 'secret-shot.png', 'image/png', 'png bytes', false);
    await attach(
      db,
      event,
      'session.cast',
      'application/x-asciicast',
      cast('\u001b[32mop@kali\u001b[0m$ ', 'crackmapexec quokkaword\r\n'),
      false,
    );
    await attach(db, event, 'loot.txt', 'text/plain', `found wombatword in share\n${SECRET_LINE}\n`, true);
    await attach(db, event, 'agent.log', 'text/plain', 'beacon numbatword checked in', true);
    red = principal(engagementId, ['event.view', 'event.change', 'credential.view']);
    blue = principal(engagementId, ['event.view']);
  }, 120_000);
  afterAll(() => ctx?.dispose());

  it('gives each grid row its attachment count and first three attachments, shared only for the blue team', async () => {
    const rows = (who: Principal) => listEvents(ctx.database.db, who, query({}));
    const redRow = (await rows(red)).results.find((e) => e.id === withFiles);
    expect(redRow?.attachment_count).toBe(5);
    expect(redRow?.attachments.map((a) => [a.filename, a.content_type])).toEqual([
      ['shot-1.png', 'image/png'],
      ['secret-shot.png', 'image/png'],
      ['session.cast', 'application/x-asciicast'],
    ]);
    const blueRow = (await rows(blue)).results.find((e) => e.id === withFiles);
    expect(blueRow?.attachment_count).toBe(3);
    expect(blueRow?.attachments.map((a) => a.filename)).toEqual(['shot-1.png', 'loot.txt', 'agent.log']);
    // Rows without attachments say so, for both.
    for (const page of [await rows(red), await rows(blue)])
      for (const e of page.results.filter((r) => r.id !== withFiles)) {
        expect(e.attachment_count).toBe(0);
        expect(e.attachments).toEqual([]);
      }
  });

  it('finds an event by the output text of its terminal recording, never by its JSON framing', async () => {
    expect(await found(red, 'quokkaword')).toEqual([withFiles]);
    expect(await found(red, 'crackmapexec quokkaword')).toEqual([withFiles]);
    expect(await found(red, 'xtermframeword')).toEqual([]);
  });

  it('finds an event by the text of its .txt and .log attachments and by attachment names', async () => {
    for (const who of [red, blue]) {
      expect(await found(who, 'wombatword')).toEqual([withFiles]);
      expect(await found(who, 'numbatword')).toEqual([withFiles]);
      expect(await found(who, 'agent.log')).toEqual([withFiles]);
    }
    expect(await found(red, 'secret-shot')).toEqual([withFiles]);
  });

  it('lets the blue team find only through shared attachments, and never by a hidden secret', async () => {
    expect(await found(blue, 'quokkaword')).toEqual([]);
    expect(await found(blue, 'secret-shot')).toEqual([]);
    expect(await found(blue, HASH)).toEqual([]);
    expect(await found(red, HASH)).toEqual([withFiles]);
  });

  it('follows a change of sharing once the event is reindexed', async () => {
    const db = ctx.database.db;
    await writeTransaction(db, async (tx) => {
      await tx.updateTable('attachment').set({ shared: 1 }).where('filename', '=', 'session.cast').execute();
      await reindexEvents(tx, [withFiles]);
    });
    expect(await found(blue, 'quokkaword')).toEqual([withFiles]);
    expect(
      (await listEvents(db, blue, query({}))).results.find((e) => e.id === withFiles)?.attachment_count,
    ).toBe(4);
  });
});
