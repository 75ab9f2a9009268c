import type { Tx } from '@steppingstones/db';
import { chunks } from './c2-keys.ts';
import { buildPresences, type Presence } from './c2-presence.ts';
import type { C2CheckinRecord } from './c2-records.ts';

const keyOf = (p: Presence) => `${p.start}:${p.end}:${p.sleepSeconds}:${p.jitterPercent}`;

/**
 * Folds a batch's check-ins into the stored presence intervals of their sessions: only intervals that
 * changed are deleted and written again, so a re-import of the same check-ins writes nothing.
 * Check-ins of sessions not known on the server are left out (their log was not imported).
 */
export async function writePresences(
  tx: Tx,
  sessionIds: ReadonlyMap<string, number>,
  checkins: readonly C2CheckinRecord[],
): Promise<void> {
  const bySession = new Map<number, C2CheckinRecord[]>();
  for (const c of checkins) {
    const id = sessionIds.get(c.sessionExternalId);
    if (id === undefined) continue;
    const list = bySession.get(id);
    if (list) list.push(c);
    else bySession.set(id, [c]);
  }
  for (const part of chunks([...bySession.keys()])) {
    const rows = await tx
      .selectFrom('c2_presence')
      .select(['id', 'session_id', 'start_at', 'end_at', 'sleep_seconds', 'jitter_percent'])
      .where('session_id', 'in', part)
      .execute();
    const stored = new Map<number, Array<Presence & { id: number }>>();
    for (const r of rows) {
      const p = {
        id: Number(r.id),
        start: Number(r.start_at),
        end: Number(r.end_at),
        sleepSeconds: r.sleep_seconds === null ? null : Number(r.sleep_seconds),
        jitterPercent: r.jitter_percent === null ? null : Number(r.jitter_percent),
      };
      const list = stored.get(Number(r.session_id));
      if (list) list.push(p);
      else stored.set(Number(r.session_id), [p]);
    }
    const gone: number[] = [];
    const added: Array<Presence & { session: number }> = [];
    for (const session of part) {
      const before = stored.get(session) ?? [];
      const after = buildPresences(before, bySession.get(session) ?? []);
      const kept = new Set(after.map(keyOf));
      const had = new Set(before.map(keyOf));
      for (const p of before) if (!kept.has(keyOf(p))) gone.push(p.id);
      for (const p of after) if (!had.has(keyOf(p))) added.push({ ...p, session });
    }
    for (const ids of chunks(gone)) await tx.deleteFrom('c2_presence').where('id', 'in', ids).execute();
    for (const rowsToAdd of chunks(added, 100))
      await tx
        .insertInto('c2_presence')
        .values(
          rowsToAdd.map((p) => ({
            session_id: p.session,
            start_at: p.start,
            end_at: p.end,
            sleep_seconds: p.sleepSeconds,
            jitter_percent: p.jitterPercent,
          })),
        )
        .execute();
  }
}
