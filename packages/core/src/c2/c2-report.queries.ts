import type { DB } from '@steppingstones/db';
import type { C2Queries, ReportC2Action, ReportC2Session } from '@steppingstones/plugin-sdk';
import { toIsoUtc } from '@steppingstones/shared/dates';
import type { Kysely } from 'kysely';
import { sessionProcess } from './c2-contexts.write.ts';
import { excludedSessionIds, notExcluded } from './c2-exclusions.ts';

const MAX_ACTIONS = 10_000;
const strings = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/** C2 reads for report plugins: sessions of one engagement, exclusions applied, after `check()`. */
export function reportC2Queries(db: Kysely<DB>, engagementId: number, check: () => void): C2Queries {
  return {
    async sessions(): Promise<ReportC2Session[]> {
      check();
      const rows = await db
        .selectFrom('c2_session as s')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .select([
          's.id',
          's.kind',
          's.host',
          's.user',
          's.is_admin',
          's.process',
          's.pid',
          's.listener',
          's.parent_id',
          's.first_seen',
          's.last_seen',
        ])
        .where('sv.engagement_id', '=', engagementId)
        .where(notExcluded(await excludedSessionIds(db, engagementId)))
        .orderBy('s.first_seen')
        .orderBy('s.id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        host: r.host,
        user: r.user.replace(/ \*$/, ''),
        isAdmin: Boolean(Number(r.is_admin)),
        process: r.process,
        pid: r.pid === null ? null : Number(r.pid),
        listener: r.listener,
        parentId: r.parent_id === null ? null : Number(r.parent_id),
        firstSeen: toIsoUtc(Number(r.first_seen)),
        lastSeen: toIsoUtc(Number(r.last_seen)),
      }));
    },
    async actions(options = {}): Promise<ReportC2Action[]> {
      check();
      const limit = Math.max(1, Math.min(MAX_ACTIONS, options.limit ?? MAX_ACTIONS));
      let query = db
        .selectFrom('c2_action as a')
        .innerJoin('c2_session as s', 's.id', 'a.session_id')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .select([
          'a.id',
          'a.session_id',
          'a.start_at',
          'a.operator',
          'a.input',
          'a.task',
          'a.attack_ids',
          'a.output',
          'a.event_id',
          's.host',
          's.user',
          's.process',
          's.pid',
        ])
        .where('sv.engagement_id', '=', engagementId)
        .where(notExcluded(await excludedSessionIds(db, engagementId)));
      if (options.notCloned) query = query.where('a.event_id', 'is', null);
      const rows = await query.orderBy('a.start_at').orderBy('a.id').limit(limit).execute();
      return rows.map((r) => ({
        id: Number(r.id),
        sessionId: Number(r.session_id),
        start: toIsoUtc(Number(r.start_at)),
        operator: r.operator,
        input: r.input,
        task: r.task,
        attackIds: strings(r.attack_ids),
        output: r.output,
        target: {
          host: r.host,
          user: r.user,
          process: sessionProcess({ process: r.process, pid: r.pid === null ? null : Number(r.pid) }),
        },
        eventId: r.event_id === null ? null : Number(r.event_id),
      }));
    },
  };
}
