import type { DB } from '@steppingstones/db';
import { type AuditEntryDto, type ListEnvelope, toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';

export interface AuditListOptions {
  limit: number;
  offset: number;
  /** An action (`user.created`) or a family of them (`user` matches `user.*`). */
  action?: string;
  /** Who did it: a username (as recorded), matched whole and without regard to case. */
  actor?: string;
  /** Only entries about this engagement (by id; the route resolves the code). */
  engagementId?: number;
  /** Epoch ms, inclusive from / exclusive to. */
  from?: number;
  to?: number;
  /** The engagements whose entries the viewer may read (`'all'`: every entry, a superuser). */
  engagementIds?: number[] | 'all';
}

/**
 * Audit entries, newest first, as a list envelope (links are filled in by the route). A lead reads the
 * entries about the engagements they lead; entries about none (logins, instance work) are superusers'.
 */
export async function listAudit(
  db: Kysely<DB>,
  options: AuditListOptions,
): Promise<Omit<ListEnvelope<AuditEntryDto>, 'next' | 'previous'> & { hasMore: boolean }> {
  let q = db.selectFrom('audit_log').leftJoin('engagement', 'engagement.id', 'audit_log.engagement_id');
  const { action, actor } = options;
  if (action)
    q = q.where((eb) =>
      eb.or([
        eb('audit_log.action', '=', action),
        eb('audit_log.action', 'like', `${action.replace(/[%_]/g, '')}.%`),
      ]),
    );
  if (actor) q = q.where((eb) => eb(eb.fn('lower', ['audit_log.actor']), '=', actor.toLowerCase()));
  if (options.engagementId !== undefined) q = q.where('audit_log.engagement_id', '=', options.engagementId);
  if (options.from !== undefined) q = q.where('audit_log.at', '>=', options.from);
  if (options.to !== undefined) q = q.where('audit_log.at', '<', options.to);
  const scope = options.engagementIds ?? 'all';
  if (scope !== 'all') q = q.where('audit_log.engagement_id', 'in', scope.length ? scope : [-1]);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('audit_log')
    .select('engagement.code as engagement_code')
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return {
    count: Number(total.n),
    hasMore: options.offset + rows.length < Number(total.n),
    results: rows.map((r) => ({
      id: Number(r.id),
      at: toIsoUtc(Number(r.at)),
      actor: r.actor,
      action: r.action,
      target: r.target,
      ip: r.ip,
      engagement: r.engagement_code ?? null,
      details: JSON.parse(r.details) as Record<string, unknown>,
    })),
  };
}
