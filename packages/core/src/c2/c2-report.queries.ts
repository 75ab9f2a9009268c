import type { DB } from '@steppingstones/db';
import type { C2Queries, ReportC2Session } from '@steppingstones/plugin-sdk';
import { toIsoUtc } from '@steppingstones/shared/dates';
import type { Kysely } from 'kysely';
import { excludedSessionIds, notExcluded } from './c2-exclusions.ts';

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
  };
}
