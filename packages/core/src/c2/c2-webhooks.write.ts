import { appendDomainEvent } from '../outbox/index.ts';
import { type ClockedHandle, transactionOf } from '../service-context.ts';
import { excludedSessionIds } from './c2-exclusions.ts';
import { chunks } from './c2-keys.ts';
import type { C2SessionRecord } from './c2-records.ts';

const beaconText = (s: { user: string; host: string; process: string }) =>
  `${s.user || 'unknown user'} on ${s.host || 'unknown computer'} (${s.process || 'unknown process'})`;

/**
 * "new beacon" or "respawned beacon" (the same user, computer and process as an earlier session of the
 * engagement) for each session added by a follower and first seen after it started; excluded sessions
 * send nothing. A session is added once, so each is announced once.
 */
export async function newBeaconWebhooks(
  target: ClockedHandle,
  input: {
    engagementId: number;
    serverName: string;
    added: ReadonlyArray<{ id: number; record: C2SessionRecord }>;
    firstSeenAfter: number;
  },
): Promise<number> {
  const fresh = input.added.filter((a) => a.record.firstSeen >= input.firstSeenAfter);
  if (fresh.length === 0) return 0;
  const tx = transactionOf(target);
  const excluded = new Set(await excludedSessionIds(tx, input.engagementId));
  let sent = 0;
  for (const { id, record: s } of fresh) {
    if (excluded.has(id)) continue;
    const earlier = await tx
      .selectFrom('c2_session as s')
      .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
      .select('s.id')
      .where('sv.engagement_id', '=', input.engagementId)
      .where('s.id', '!=', id)
      .where('s.user', '=', s.user)
      .where('s.host', '=', s.host)
      .where('s.process', '=', s.process)
      .where('s.first_seen', '<=', s.firstSeen)
      .executeTakeFirst();
    await appendDomainEvent(target, {
      type: earlier ? 'beacon.respawned' : 'beacon.new',
      engagementId: input.engagementId,
      payload: { c2SessionId: id, beacon: beaconText(s), teamServer: input.serverName },
    });
    sent++;
  }
  return sent;
}

/**
 * "returned beacon" for each watched session among `sessionIds` that checked in after its bell was
 * set; the watch then records the return, so it is sent once (setting the bell again re-arms it).
 */
export async function returnedBeaconWebhooks(
  target: ClockedHandle,
  input: { engagementId: number; serverName: string; sessionIds: readonly number[] },
): Promise<number> {
  const { clock } = target;
  const tx = transactionOf(target);
  let sent = 0;
  const excluded = new Set(await excludedSessionIds(tx, input.engagementId));
  for (const part of chunks([...input.sessionIds])) {
    const rows = await tx
      .selectFrom('c2_watch as w')
      .innerJoin('c2_session as s', 's.id', 'w.session_id')
      .select(['w.id as watch_id', 's.id', 's.user', 's.host', 's.process'])
      .where('w.session_id', 'in', part)
      .where('w.returned_at', 'is', null)
      .whereRef('s.last_seen', '>', 'w.seen_at')
      .execute();
    for (const r of rows) {
      await tx
        .updateTable('c2_watch')
        .set({ returned_at: clock.now() })
        .where('id', '=', r.watch_id)
        .execute();
      if (excluded.has(Number(r.id))) continue;
      await appendDomainEvent(target, {
        type: 'beacon.returned',
        engagementId: input.engagementId,
        payload: { c2SessionId: Number(r.id), beacon: beaconText(r), teamServer: input.serverName },
      });
      sent++;
    }
  }
  return sent;
}
