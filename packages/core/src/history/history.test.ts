import { testDialects } from '@steppingstones/db/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, deleteEvent, getEvent, patchEvent } from '../events/index.ts';
import type { Principal } from '../permissions/index.ts';
import { SEEDED_GROUPS } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { insertTestUser } from '../testing/test-operator.ts';
import {
  createCheckpoint,
  historyKeyOf,
  listDeletedEvents,
  listEventRevisions,
  restoreEventRevision,
  undeleteEvent,
  verifyCheckpoint,
  verifyHistory,
} from './index.ts';

const ctxPart = (host: string) => ({ host, user: 'CORP\\alice', process: 'powershell.exe' });

describe.each(testDialects())('event history on %s', (dialect) => {
  let ctx: TestContext;
  let op: Principal;
  let engagementId: number;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    let engagementIds: number[];
    ({ principal: op, engagementIds } = await arrangeOperator(ctx.services(), ['HIST']));
    engagementId = engagementIds[0]!;
  });
  afterEach(() => ctx.dispose());

  const newEvent = (description: string) =>
    createEvent(ctx.services(), op, {
      engagement: 'HIST',
      timestamp: '2026-03-02T14:02:09Z',
      source: ctxPart('WS01'),
      target: ctxPart('DC01'),
      description,
      raw_evidence: 'whoami /all',
      tags: ['recon'],
    });
  const key = () => historyKeyOf(ctx);

  it('keeps every create, change and delete with who, when and a diff, and restores an earlier version', async () => {
    const e = await newEvent('Enumerated the domain');
    await patchEvent(ctx.services(), op, e.id, {
      description: 'Enumerated the domain with SharpHound',
      detected: 'FUL',
    });
    const revisions = await listEventRevisions(ctx.database.db, op, e.id);
    expect(revisions.map((r) => r.action)).toEqual(['update', 'create']);
    expect(revisions[0]?.actor).toBe('alice');
    expect(revisions[0]?.diff).toEqual({
      description: ['Enumerated the domain', 'Enumerated the domain with SharpHound'],
      detected: ['UNK', 'FUL'],
    });
    expect(revisions[1]?.snapshot).toMatchObject({
      description: 'Enumerated the domain',
      tags: ['recon'],
      source: ctxPart('WS01'),
    });

    await restoreEventRevision(ctx.services(), op, e.id, revisions[1]!.id);
    const restored = await getEvent(ctx.database.db, op, e.id);
    expect(restored.description).toBe('Enumerated the domain');
    expect(restored.detected).toBe('UNK');
    expect((await listEventRevisions(ctx.database.db, op, e.id)).map((r) => r.action)).toEqual([
      'restore',
      'update',
      'create',
    ]);
    expect((await verifyHistory(ctx.database.db, key())).ok).toBe(true);
  });

  it('lists deleted events in the trash and brings them back', async () => {
    const e = await newEvent('Dropped a beacon');
    await deleteEvent(ctx.services(), op, e.id);
    await expect(getEvent(ctx.database.db, op, e.id)).rejects.toThrow(/not found/);
    expect((await listDeletedEvents(ctx.database.db, op, engagementId)).map((t) => t.description)).toEqual([
      'Dropped a beacon',
    ]);
    await undeleteEvent(ctx.services(), op, e.id);
    expect((await getEvent(ctx.database.db, op, e.id)).description).toBe('Dropped a beacon');
    expect(await listDeletedEvents(ctx.database.db, op, engagementId)).toEqual([]);
    expect((await listEventRevisions(ctx.database.db, op, e.id)).map((r) => r.action)).toEqual([
      'undelete',
      'delete',
      'create',
    ]);
    expect((await verifyHistory(ctx.database.db, key())).ok).toBe(true);
  });

  it("gives an operator a trash of their own deletions (an undo), never a teammate's; the lead's holds all", async () => {
    const operatorPermissions = new Set(SEEDED_GROUPS['Red Team Operators']);
    const alice: Principal = { ...op, permissions: operatorPermissions };
    const bobId = await insertTestUser(ctx.database.db, 'bob');
    const bob: Principal = { ...op, userId: bobId, username: 'bob', permissions: operatorPermissions };
    const mine = await newEvent('Dropped a beacon');
    const created = (await listEventRevisions(ctx.database.db, alice, mine.id))[0]!;
    await deleteEvent(ctx.services(), alice, mine.id);

    expect((await listDeletedEvents(ctx.database.db, alice, engagementId)).map((t) => t.id)).toEqual([
      mine.id,
    ]);
    expect(await listDeletedEvents(ctx.database.db, bob, engagementId)).toEqual([]);
    await expect(undeleteEvent(ctx.services(), bob, mine.id)).rejects.toThrow(/lead can recover/);
    // Nor by the back door: a deleted event's history and restore answer as the event does (not found).
    await expect(listEventRevisions(ctx.database.db, bob, mine.id)).rejects.toThrow(/not found/);
    await expect(restoreEventRevision(ctx.services(), bob, mine.id, created.id)).rejects.toThrow(/not found/);

    // The lead sees every deletion; the operator brings back their own.
    expect(await listDeletedEvents(ctx.database.db, op, engagementId)).toHaveLength(1);
    await undeleteEvent(ctx.services(), alice, mine.id);
    expect((await getEvent(ctx.database.db, bob, mine.id)).description).toBe('Dropped a beacon');
    expect(await listDeletedEvents(ctx.database.db, alice, engagementId)).toEqual([]);
  });

  it('verify passes on an intact chain and names an event altered directly in the database', async () => {
    const a = await newEvent('First');
    const b = await newEvent('Second');
    await patchEvent(ctx.services(), op, a.id, { outcome: 'Domain admin' });
    const intact = await verifyHistory(ctx.database.db, key());
    expect(intact).toMatchObject({
      ok: true,
      engagements: [{ code: 'HIST', revisions: 3, events: 2, headSeq: 3 }],
    });

    await sql`update event set description = 'Nothing happened' where id = ${b.id}`.execute(ctx.database.db);
    const report = await verifyHistory(ctx.database.db, key());
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: 'event-altered', eventId: b.id });
    expect(report.problem?.message).toContain(`event ${b.id} differs from its latest revision`);
  });

  it('verify names a revision altered or removed in the database', async () => {
    const a = await newEvent('First');
    await newEvent('Second');
    await sql`update event_revision set diff = '{}' where seq = 1`.execute(ctx.database.db);
    expect((await verifyHistory(ctx.database.db, key())).problem).toMatchObject({
      kind: 'revision-altered',
      seq: 1,
      eventId: a.id,
    });

    await sql`delete from event_revision where seq = 1`.execute(ctx.database.db);
    expect((await verifyHistory(ctx.database.db, key())).problem).toMatchObject({
      kind: 'chain-broken',
      seq: 1,
    });
  });

  it('verify fails under another instance key (the key is not in the database)', async () => {
    await newEvent('First');
    expect((await verifyHistory(ctx.database.db, Buffer.alloc(32, 7))).problem?.kind).toBe(
      'revision-altered',
    );
  });

  it('concurrent writers keep one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => newEvent(`Parallel ${i}`)));
    const report = await verifyHistory(ctx.database.db, key());
    expect(report).toMatchObject({ ok: true, engagements: [{ revisions: 24, headSeq: 24, events: 24 }] });
  });

  it('signs checkpoints that later detect rewritten history', async () => {
    await newEvent('First');
    await newEvent('Second');
    const checkpoint = await createCheckpoint(ctx.services(), { id: engagementId, code: 'HIST' });
    expect(checkpoint).toMatchObject({ engagement: 'HIST', head_seq: 2, revisions: 2 });
    await newEvent('Third');
    expect(await verifyCheckpoint(ctx.database.db, key(), checkpoint)).toMatchObject({ ok: true });
    expect(
      (await verifyCheckpoint(ctx.database.db, key(), { ...checkpoint, head_seq: 1 })).message,
    ).toContain('signature does not match');

    await sql`update event_revision set hash = ${'f'.repeat(64)} where seq = 2`.execute(ctx.database.db);
    expect((await verifyCheckpoint(ctx.database.db, key(), checkpoint)).message).toContain(
      'history was rewritten',
    );
  });
});
