import crypto from 'node:crypto';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, revisionHash } from './chain-hash.ts';
import { hasPartialFiles, snapshotsOf, withPartialFiles } from './event-snapshot.ts';

export interface HistoryProblem {
  engagement: string;
  kind:
    | 'revision-altered'
    | 'chain-broken'
    | 'head-mismatch'
    | 'event-altered'
    | 'event-without-history'
    | 'event-missing'
    | 'event-in-other-engagement';
  seq?: number;
  eventId?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  engagements: Array<{ code: string; revisions: number; events: number; headSeq: number }>;
  /** The first altered record found; verification stops there. */
  problem?: HistoryProblem;
}

const BATCH = 1000;

/**
 * Proves an engagement's history intact: every revision's HMAC recomputes and links to its
 * predecessor without gaps, the head matches the last revision, every event's current state equals
 * its latest revision, every event of the chain whose latest revision is not a delete still exists, and
 * in this engagement. Stops at the first altered record and names it.
 */
export async function verifyHistory(
  db: Kysely<DB>,
  key: Buffer,
  options: { engagementId?: number } = {},
): Promise<VerifyReport> {
  let q = db.selectFrom('engagement').select(['id', 'code']).orderBy('id');
  if (options.engagementId !== undefined) q = q.where('id', '=', options.engagementId);
  const report: VerifyReport = { ok: true, engagements: [] };
  for (const engagement of await q.execute()) {
    const result = await verifyEngagement(db, key, Number(engagement.id), engagement.code);
    report.engagements.push(result.summary);
    if (result.problem) return { ...report, ok: false, problem: result.problem };
  }
  return report;
}

/**
 * A digest of a snapshot's canonical JSON: the walk keeps one per event (its latest revision's), not the
 * snapshot itself, so verifying a million events does not hold a million snapshots in memory.
 */
function snapshotDigest(snapshot: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(snapshot)).digest('base64');
}

async function verifyEngagement(db: Kysely<DB>, key: Buffer, engagementId: number, code: string) {
  const summary = { code, revisions: 0, events: 0, headSeq: 0 };
  /** Event id → digest of its latest revision's snapshot. */
  const latestByEvent = new Map<number, string>();
  /** Events whose latest revision is not a delete: their row must exist, in this engagement. */
  const live = new Set<number>();
  /** Events whose latest revision predates whole files (see hasPartialFiles). */
  const partialFiles = new Set<number>();
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('event_revision')
      .selectAll()
      .where('engagement_id', '=', engagementId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq || r.prev_hash !== expectedPrev) {
        const problem: HistoryProblem = {
          engagement: code,
          kind: 'chain-broken',
          seq: expectedSeq,
          message: `Engagement ${code}: revision ${expectedSeq} is missing or does not link to revision ${expectedSeq - 1}.`,
        };
        return { summary, problem };
      }
      if (revisionHash(key, r) !== r.hash) {
        const problem: HistoryProblem = {
          engagement: code,
          kind: 'revision-altered',
          seq,
          eventId: Number(r.event_id),
          message: `Engagement ${code}: revision ${seq} (event ${r.event_id}, ${r.action}) was altered after it was written.`,
        };
        return { summary, problem };
      }
      const recorded = JSON.parse(r.snapshot);
      latestByEvent.set(Number(r.event_id), snapshotDigest(recorded));
      if (r.action === 'delete') live.delete(Number(r.event_id));
      else live.add(Number(r.event_id));
      if (hasPartialFiles(recorded)) partialFiles.add(Number(r.event_id));
      else partialFiles.delete(Number(r.event_id));
      expectedPrev = r.hash;
      expectedSeq = seq + 1;
      summary.revisions++;
    }
    if (rows.length < BATCH) break;
  }
  summary.headSeq = expectedSeq - 1;
  const head = await db
    .selectFrom('history_head')
    .select(['seq', 'hash'])
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  const headSeq = head ? Number(head.seq) : 0;
  const headHash = head ? head.hash : GENESIS_HASH;
  if (headSeq !== summary.headSeq || headHash !== expectedPrev) {
    const problem: HistoryProblem = {
      engagement: code,
      kind: 'head-mismatch',
      seq: headSeq,
      message: `Engagement ${code}: the chain head (revision ${headSeq}) does not match the last revision (${summary.headSeq}); revisions were removed or added outside the app.`,
    };
    return { summary, problem };
  }

  let afterId = 0;
  for (;;) {
    const events = await db
      .selectFrom('event')
      .selectAll()
      .where('engagement_id', '=', engagementId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    const snapshots = await snapshotsOf(db, events);
    for (const current of snapshots) {
      const eventId = current.id;
      const recorded = latestByEvent.get(eventId);
      if (!recorded) {
        const moved = await movedEventProblem(db, code, engagementId, eventId);
        if (moved) return { summary, problem: moved };
        const problem: HistoryProblem = {
          engagement: code,
          kind: 'event-without-history',
          eventId,
          message: `Engagement ${code}: event ${eventId} has no history; it was written outside the app.`,
        };
        return { summary, problem };
      }
      const comparable = partialFiles.has(eventId) ? withPartialFiles(current) : current;
      if (snapshotDigest(comparable) !== recorded) {
        const problem: HistoryProblem = {
          engagement: code,
          kind: 'event-altered',
          eventId,
          message: `Engagement ${code}: event ${eventId} differs from its latest revision; it was changed outside the app.`,
        };
        return { summary, problem };
      }
      summary.events++;
      live.delete(eventId);
      afterId = eventId;
    }
    if (events.length < BATCH) break;
  }
  // Whatever is left was written by the chain as existing and is not here.
  for (const eventId of live) {
    const row = await db
      .selectFrom('event')
      .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
      .select('engagement.code')
      .where('event.id', '=', eventId)
      .executeTakeFirst();
    const problem: HistoryProblem = row
      ? {
          engagement: code,
          kind: 'event-in-other-engagement',
          eventId,
          message: `Engagement ${code}: event ${eventId} of this engagement's history is in engagement ${row.code}; it was moved outside the app.`,
        }
      : {
          engagement: code,
          kind: 'event-missing',
          eventId,
          message: `Engagement ${code}: event ${eventId} is missing although its latest revision is not a delete; it was removed outside the app.`,
        };
    return { summary, problem };
  }
  return { summary, problem: undefined };
}

/** An event found here whose history is another engagement's chain, as a problem; else null. */
async function movedEventProblem(
  db: Kysely<DB>,
  code: string,
  engagementId: number,
  eventId: number,
): Promise<HistoryProblem | null> {
  const other = await db
    .selectFrom('event_revision')
    .innerJoin('engagement', 'engagement.id', 'event_revision.engagement_id')
    .select('engagement.code')
    .where('event_revision.event_id', '=', eventId)
    .where('event_revision.engagement_id', '!=', engagementId)
    .executeTakeFirst();
  if (!other) return null;
  return {
    engagement: code,
    kind: 'event-in-other-engagement',
    eventId,
    message: `Engagement ${code}: event ${eventId} belongs to the history of engagement ${other.code}; it was moved here outside the app.`,
  };
}
