import { auditVisibleCodes, listAudit, redactAuditEntry } from '@steppingstones/core/audit';
import { engagementsWith } from '@steppingstones/core/permissions';
import { auditEntrySchema, listEnvelope } from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  action: z.string().trim().max(100).optional(),
  /** Username of who did it. */
  user: z.string().trim().max(150).optional(),
  /** Engagement code. */
  engagement: z.string().trim().max(100).optional(),
  from: z
    .string()
    .datetime({ offset: true, message: 'must be a date and time such as 2026-03-02T14:00:00Z' })
    .optional(),
  to: z
    .string()
    .datetime({ offset: true, message: 'must be a date and time such as 2026-03-02T18:00:00Z' })
    .optional(),
});
const FILTERS = ['action', 'user', 'engagement', 'from', 'to'] as const;

export async function auditRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.get(
    '/api/v1/audit',
    {
      config: { access: { permission: 'audit.view' } },
      schema: { tags: ['audit'], querystring: query, response: { 200: listEnvelope(auditEntrySchema) } },
    },
    async (request) => {
      const { limit, offset, action, user, engagement, from, to } = request.query;
      const engagementIds = engagementsWith(request.principal, 'audit.view');
      // An unknown code finds nothing, like one the viewer may not see (no hint that it exists).
      const engagementId = engagement
        ? Number(
            (await db.selectFrom('engagement').select('id').where('code', '=', engagement).executeTakeFirst())
              ?.id ?? -1,
          )
        : undefined;
      const page = await listAudit(db, {
        limit,
        offset,
        engagementIds,
        ...(action ? { action } : {}),
        ...(user ? { actor: user } : {}),
        ...(engagementId !== undefined ? { engagementId } : {}),
        ...(from ? { from: Date.parse(from) } : {}),
        ...(to ? { to: Date.parse(to) } : {}),
      });
      const visible = await auditVisibleCodes(db, request.principal);
      const link = (o: number) => {
        const params = new URLSearchParams({ limit: String(limit), offset: String(o) });
        for (const key of FILTERS) {
          const value = request.query[key];
          if (value) params.set(key, value);
        }
        return `/api/v1/audit/?${params}`;
      };
      return {
        count: page.count,
        next: page.hasMore ? link(offset + limit) : null,
        previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
        results: page.results.map((entry) => redactAuditEntry(entry, visible)),
      };
    },
  );
}
