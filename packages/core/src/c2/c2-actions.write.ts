import type { Tx } from '@steppingstones/db';
import { actionKey, chunks, downloadKey } from './c2-keys.ts';
import type { C2ActionRecord, C2DownloadRecord, C2Rejection } from './c2-records.ts';

/** The stored natural keys among `pairs`, looked up per session so the unique (session, key) index serves. */
async function existingKeys(
  tx: Tx,
  table: 'c2_action' | 'c2_download',
  pairs: Array<[number, string]>,
  fresh: ReadonlySet<number> = new Set(),
) {
  const have = new Set<string>();
  const bySession = new Map<number, string[]>();
  for (const [session, key] of pairs) {
    // A session created in this very batch has nothing stored yet.
    if (fresh.has(session)) continue;
    const keys = bySession.get(session);
    if (keys) keys.push(key);
    else bySession.set(session, [key]);
  }
  for (const [session, keys] of bySession) {
    for (const part of chunks(keys)) {
      const rows = await tx
        .selectFrom(table)
        .select('natural_key')
        .where('session_id', '=', session)
        .where('natural_key', 'in', part)
        .execute();
      for (const r of rows) have.add(`${session}:${r.natural_key}`);
    }
  }
  return have;
}

export interface NewAction {
  id: number;
  sessionId: number;
  record: C2ActionRecord;
}

/** Adds the actions not stored yet (by session and natural key); answers the new ones with their ids. */
export async function writeActions(
  tx: Tx,
  sessionIds: Map<string, number>,
  actions: readonly C2ActionRecord[],
  /** Sessions created in the same transaction: no stored action to look up. */
  freshSessions: ReadonlySet<number> = new Set(),
): Promise<NewAction[]> {
  const keyed = actions.map((a) => ({
    a,
    sessionId: sessionIds.get(a.sessionExternalId) as number,
    key: actionKey(a),
  }));
  const have = await existingKeys(
    tx,
    'c2_action',
    keyed.map((k) => [k.sessionId, k.key]),
    freshSessions,
  );
  const fresh: typeof keyed = [];
  for (const k of keyed) {
    const id = `${k.sessionId}:${k.key}`;
    if (have.has(id)) continue;
    have.add(id);
    fresh.push(k);
  }
  const added: NewAction[] = [];
  // Multi-row inserts (a large archive holds hundreds of thousands of actions); the returned ids are
  // matched back by natural key, since neither dialect promises the order of RETURNING rows.
  for (const part of chunks(fresh, 200)) {
    const rows = await tx
      .insertInto('c2_action')
      .values(
        part.map(({ a, sessionId, key }) => ({
          session_id: sessionId,
          start_at: a.start,
          operator: a.operator,
          input: a.input,
          task: a.task,
          attack_ids: JSON.stringify(a.attackIds),
          output: a.output,
          errors: a.errors,
          indicators: JSON.stringify(a.indicators),
          natural_key: key,
        })),
      )
      .returning(['id', 'session_id', 'natural_key'])
      .execute();
    const ids = new Map(rows.map((r) => [`${Number(r.session_id)}:${r.natural_key}`, Number(r.id)]));
    for (const { a, sessionId, key } of part)
      added.push({ id: ids.get(`${sessionId}:${key}`) as number, sessionId, record: a });
  }
  return added;
}

/** Adds the downloads not stored yet; one naming an unknown session is rejected. */
export async function writeDownloads(
  tx: Tx,
  sessionIds: Map<string, number>,
  downloads: readonly C2DownloadRecord[],
  rejected: C2Rejection[],
): Promise<number> {
  const keyed: Array<{ d: C2DownloadRecord; sessionId: number; key: string }> = [];
  for (const d of downloads) {
    const sessionId = sessionIds.get(d.sessionExternalId);
    if (sessionId === undefined)
      rejected.push({
        entry: `download of ${d.name}`,
        reason: `no session with the id ${d.sessionExternalId} is known; import its log too`,
      });
    else keyed.push({ d, sessionId, key: downloadKey(d) });
  }
  const have = await existingKeys(
    tx,
    'c2_download',
    keyed.map((k) => [k.sessionId, k.key]),
  );
  let added = 0;
  for (const { d, sessionId, key } of keyed) {
    if (have.has(`${sessionId}:${key}`)) continue;
    have.add(`${sessionId}:${key}`);
    await tx
      .insertInto('c2_download')
      .values({
        session_id: sessionId,
        at: d.at,
        size: d.size,
        path: d.path,
        name: d.name,
        remote_path: d.remotePath,
        natural_key: key,
      })
      .execute();
    added++;
  }
  return added;
}
