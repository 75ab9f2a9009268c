import type { Tx } from '@steppingstones/db';
import { chunks } from './c2-keys.ts';
import type { C2SessionRecord } from './c2-records.ts';

/** Get-or-create the server an import fills (by name in the engagement). */
export async function serverId(tx: Tx, engagementId: number, name: string, kind: string, now: number) {
  const found = await tx
    .selectFrom('c2_server')
    .select('id')
    .where('engagement_id', '=', engagementId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return Number(found.id);
  const row = await tx
    .insertInto('c2_server')
    .values({ engagement_id: engagementId, name, kind, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Adds the sessions not stored yet and widens the stored ones (seen earlier or later, fields they
 * lacked, a newer sleep); then links parents. Answers external id → row id, and how many were new.
 */
export async function writeSessions(
  tx: Tx,
  server: number,
  sessions: Map<string, C2SessionRecord>,
): Promise<{ ids: Map<string, number>; added: C2SessionRecord[] }> {
  const ids = new Map<string, number>();
  const stored = new Map<string, { id: number; first_seen: number; last_seen: number; host: string }>();
  for (const part of chunks([...sessions.keys()])) {
    const rows = await tx
      .selectFrom('c2_session')
      .select(['id', 'external_id', 'first_seen', 'last_seen', 'host'])
      .where('server_id', '=', server)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows)
      stored.set(r.external_id, {
        ...r,
        id: Number(r.id),
        first_seen: Number(r.first_seen),
        last_seen: Number(r.last_seen),
      });
  }
  const added: C2SessionRecord[] = [];
  for (const s of sessions.values()) {
    const values = {
      kind: s.kind,
      host: s.host,
      user: s.user,
      is_admin: s.isAdmin ? 1 : 0,
      process: s.process,
      pid: s.pid,
      os: s.os,
      os_version: s.osVersion,
      os_build: s.osBuild,
      arch: s.arch,
      internal: s.internal,
      external: s.external,
      listener: s.listener,
      sleep_seconds: s.sleep?.seconds ?? null,
      jitter_percent: s.sleep?.jitterPercent ?? null,
    };
    const known = stored.get(s.externalId);
    if (!known) {
      const row = await tx
        .insertInto('c2_session')
        .values({
          ...values,
          server_id: server,
          external_id: s.externalId,
          first_seen: s.firstSeen,
          last_seen: s.lastSeen,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(s.externalId, Number(row.id));
      added.push(s);
      continue;
    }
    ids.set(s.externalId, known.id);
    const first = Math.min(known.first_seen, s.firstSeen);
    const last = Math.max(known.last_seen, s.lastSeen);
    // A log that only repeats what is stored changes nothing; one with newer entries updates the row.
    if (first === known.first_seen && last === known.last_seen && known.host !== '') continue;
    const update =
      known.host === '' && s.host !== ''
        ? values
        : s.sleep
          ? { sleep_seconds: values.sleep_seconds, jitter_percent: values.jitter_percent }
          : {};
    await tx
      .updateTable('c2_session')
      .set({ ...update, first_seen: first, last_seen: last })
      .where('id', '=', known.id)
      .execute();
  }
  for (const s of sessions.values()) {
    if (!s.parentExternalId) continue;
    let parent = ids.get(s.parentExternalId);
    if (parent === undefined) {
      const row = await tx
        .selectFrom('c2_session')
        .select('id')
        .where('server_id', '=', server)
        .where('external_id', '=', s.parentExternalId)
        .executeTakeFirst();
      parent = row ? Number(row.id) : undefined;
    }
    if (parent !== undefined)
      await tx
        .updateTable('c2_session')
        .set({ parent_id: parent })
        .where('id', '=', ids.get(s.externalId) as number)
        .execute();
  }
  return { ids, added };
}

/** Row ids of sessions named only by downloads (their logs were imported before). */
export async function knownSessionIds(
  tx: Tx,
  server: number,
  externalIds: string[],
  into: Map<string, number>,
) {
  const missing = [...new Set(externalIds)].filter((id) => !into.has(id));
  for (const part of chunks(missing)) {
    const rows = await tx
      .selectFrom('c2_session')
      .select(['id', 'external_id'])
      .where('server_id', '=', server)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows) into.set(r.external_id, Number(r.id));
  }
}

/**
 * Links children to parents whose logs came in a later batch of the same import (a linked SMB beacon's
 * log may precede its parent's in the archive). Only unlinked children are touched.
 */
export async function linkParents(
  tx: Tx,
  server: number,
  parents: Map<string, string>,
  ids: Map<string, number>,
) {
  await knownSessionIds(tx, server, [...parents.values()], ids);
  for (const [child, parent] of parents) {
    const childId = ids.get(child);
    const parentId = ids.get(parent);
    if (childId === undefined || parentId === undefined) continue;
    await tx
      .updateTable('c2_session')
      .set({ parent_id: parentId })
      .where('id', '=', childId)
      .where('parent_id', 'is', null)
      .execute();
  }
}
