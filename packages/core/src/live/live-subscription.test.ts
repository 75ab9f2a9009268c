import { EventEmitter, once } from 'node:events';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { ROLE_PERMISSIONS, type RoleSlug } from '@steppingstones/shared/roles';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngagement } from '../engagements/index.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { announceAccessChange } from '../users/access-changed.ts';
import type { LiveMessage } from './live-message.ts';
import { type LiveSink, LiveSubscription } from './live-subscription.ts';
import { messageFor } from './live-visibility.ts';
import { OutboxTail } from './outbox-tail.ts';

const USER = 7;

/** A member of the given engagements with the role's codes in each, as the server builds one. */
function member(roles: Record<number, RoleSlug>): Principal {
  const ids = Object.keys(roles).map(Number);
  const grants = Object.fromEntries(ids.map((id) => [id, [...ROLE_PERMISSIONS[roles[id]!]]]));
  return {
    userId: USER,
    username: 'bob',
    isSuperuser: false,
    permissions: new Set(Object.values(grants).flat()),
    engagementIds: ids,
    grants,
    roles,
    via: 'session',
  };
}

/** Records what a subscriber was sent, and lets a test wait for it (no clocks involved). */
class RecordingSink extends EventEmitter implements LiveSink {
  readonly frames: Array<{ kind: string; message?: LiveMessage; position?: number }> = [];
  change(message: LiveMessage) {
    this.push({ kind: 'change', message });
  }
  reset() {
    this.push({ kind: 'reset' });
  }
  ready(position: number) {
    this.push({ kind: 'ready', position });
  }
  end() {
    this.push({ kind: 'end' });
  }
  get changes() {
    return this.frames.flatMap((f) => (f.message ? [f.message] : []));
  }
  async waitFor(test: (sink: RecordingSink) => boolean): Promise<void> {
    while (!test(this)) await once(this, 'frame');
  }
  private push(frame: RecordingSink['frames'][number]) {
    this.frames.push(frame);
    this.emit('frame');
  }
}

describe.each(testDialects())('a live subscription on %s', (dialect) => {
  let ctx: TestContext;
  let tail: OutboxTail;
  let red: number;
  let blue: number;
  const open: LiveSubscription[] = [];

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    red = (await createEngagement(ctx.services(), dates('RED'))).id;
    blue = (await createEngagement(ctx.services(), dates('BLUE'))).id;
    tail = new OutboxTail(ctx.database, ctx.logger);
    await tail.start();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await tail.stop();
    await ctx.dispose();
  });

  const dates = (code: string) => ({ code, name: code, start_date: '2026-01-01', end_date: '2026-01-31' });
  const write = (type: string, engagementId: number | null, payload: Record<string, unknown>) =>
    writeTransaction(ctx.database.db, (tx) =>
      appendDomainEvent(inTransaction(ctx.services(), tx), { type, engagementId, payload }),
    );

  async function subscribe(
    principal: Principal,
    options: {
      resumeFrom?: number;
      maxReplay?: number;
      revalidateMs?: number;
      refresh?: () => Promise<Principal | null>;
    } = {},
  ) {
    const sink = new RecordingSink();
    const subscription = new LiveSubscription({
      db: ctx.database.db,
      source: tail,
      principal,
      refresh: options.refresh ?? (async () => principal),
      sink,
      ...options,
    });
    open.push(subscription);
    await subscription.start();
    return { sink, subscription };
  }

  it('replays what was missed after Last-Event-ID, then says where it stands', async () => {
    const seen = await write('event.created', red, { eventId: 1 });
    await write('event.created', red, { eventId: 2 });
    await write('job.finished', null, { jobId: 9 });
    const last = await write('event.updated', red, { eventId: 2 });
    const { sink } = await subscribe(member({ [red]: 'operator' }), { resumeFrom: seen });
    expect(sink.changes.map((m) => [m.type, m.ids.eventId])).toEqual([
      ['event.created', 2],
      ['event.updated', 2],
    ]);
    expect(sink.frames.at(-1)).toEqual({ kind: 'ready', position: last });
  });

  it('tells a subscriber too far behind to refetch instead of replaying', async () => {
    const from = await write('event.created', red, { eventId: 1 });
    for (let i = 2; i <= 4; i++) await write('event.created', red, { eventId: i });
    const { sink } = await subscribe(member({ [red]: 'operator' }), { resumeFrom: from, maxReplay: 2 });
    expect(sink.frames.map((f) => f.kind)).toEqual(['reset', 'ready']);
  });

  it("follows the outbox live, within the subscriber's engagements only", async () => {
    const { sink } = await subscribe(member({ [red]: 'operator' }));
    await write('event.created', blue, { eventId: 10 });
    await write('plugin.changed', null, { reason: 'sync' });
    await write('event.created', red, { eventId: 11 });
    await sink.waitFor((s) => s.changes.some((m) => m.ids.eventId === 11));
    expect(sink.changes.map((m) => m.type)).toEqual(['plugin.changed', 'event.created']);
  });

  it('re-reads the subscriber when their access changes, before any later message', async () => {
    let now: Principal | null = member({ [red]: 'operator', [blue]: 'operator' });
    const { sink } = await subscribe(now, { refresh: async () => now });
    now = member({ [blue]: 'operator' });
    await writeTransaction(ctx.database.db, (tx) =>
      announceAccessChange(inTransaction(ctx.services(), tx), [USER]),
    );
    await write('event.created', red, { eventId: 20 });
    await write('event.created', blue, { eventId: 21 });
    await sink.waitFor((s) => s.changes.some((m) => m.ids.eventId === 21));
    expect(sink.changes.map((m) => m.ids.eventId)).toEqual([21]);
  });

  it('ends when a re-read finds the access gone (signed out, deactivated)', async () => {
    let now: Principal | null = member({ [red]: 'operator' });
    const { sink, subscription } = await subscribe(now, { refresh: async () => now });
    now = null;
    expect(await subscription.recheck()).toBe(false);
    expect(subscription.closed).toBe(true);
    await write('event.created', red, { eventId: 30 });
    expect(sink.frames.map((f) => f.kind)).toEqual(['ready', 'end']);
  });

  it('re-reads the subscriber now and then even when the outbox says nothing', async () => {
    let now: Principal | null = member({ [red]: 'operator' });
    const { sink } = await subscribe(now, { refresh: async () => now, revalidateMs: 5 });
    now = null;
    await sink.waitFor((s) => s.frames.some((f) => f.kind === 'end'));
    expect(sink.frames.map((f) => f.kind)).toEqual(['ready', 'end']);
  });

  it('never shows a blue-team role the ids of credentials or C2 records riding on a message', async () => {
    const blueTeam = await subscribe(member({ [red]: 'blue-read-only' }));
    const operator = await subscribe(member({ [red]: 'operator' }));
    await write('event.updated', red, { eventId: 40, credentialIds: [5], c2ActionId: 8 });
    await operator.sink.waitFor((s) => s.changes.length === 1);
    await blueTeam.sink.waitFor((s) => s.changes.length === 1);
    expect(blueTeam.sink.changes[0]?.ids).toEqual({ eventId: 40 });
    expect(operator.sink.changes[0]?.ids).toEqual({ eventId: 40, credentialIds: [5], c2ActionId: 8 });
  });
});

describe('what a live message shows whom', () => {
  const message = (type: string, ids: Record<string, unknown> = {}): LiveMessage => ({
    id: 1,
    type,
    engagement_id: 3,
    ids,
    at: '2026-01-01T00:00:00.000Z',
  });

  it('keeps credential and C2 messages from blue-team roles, in the engagement where they hold them', () => {
    const blueHere = member({ 3: 'blue-limited-write', 4: 'operator' });
    const operator = member({ 3: 'operator' });
    for (const type of ['credential.created', 'c2.imported']) {
      expect(messageFor(blueHere, message(type))).toBeUndefined();
      expect(messageFor(operator, message(type))).toEqual(message(type));
    }
    expect(messageFor(blueHere, message('event.created', { eventId: 1 }))?.ids).toEqual({ eventId: 1 });
  });

  it('shows nothing of an engagement to a non-member, and messages of no engagement to all', () => {
    const outsider = member({ 4: 'lead' });
    expect(messageFor(outsider, message('event.created', { eventId: 1 }))).toBeUndefined();
    const global = { ...message('plugin.changed'), engagement_id: null };
    expect(messageFor(outsider, global)).toEqual(global);
  });
});
