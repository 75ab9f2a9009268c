import type { DB } from '@steppingstones/db';
import { type AuditEntryDto, type ListEnvelope, toIsoUtc } from '@steppingstones/shared';
import type { Kysely } from 'kysely';

export interface AuditListOptions {
  limit: number;
  offset: number;
  action?: string;
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
  let q = db.selectFrom('audit_log');
  if (options.action) q = q.where('action', '=', options.action);
  const scope = options.engagementIds ?? 'all';
  if (scope !== 'all') q = q.where('engagement_id', 'in', scope.length ? scope : [-1]);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
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
      details: JSON.parse(r.details) as Record<string, unknown>,
    })),
  };
}
