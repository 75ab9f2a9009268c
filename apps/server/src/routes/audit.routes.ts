import { auditVisibleCodes, listAudit, redactAuditEntry } from '@steppingstones/core/audit';
import { engagementsWith } from '@steppingstones/core/permissions';
import { auditEntrySchema, listEnvelope } from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  action: z.string().max(100).optional(),
});

export async function auditRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.get(
    '/api/v1/audit',
    {
      config: { access: { permission: 'audit.view' } },
      schema: { tags: ['audit'], querystring: query, response: { 200: listEnvelope(auditEntrySchema) } },
    },
    async (request) => {
      const { limit, offset, action } = request.query;
      const engagementIds = engagementsWith(request.principal, 'audit.view');
      const page = await listAudit(db, { limit, offset, engagementIds, ...(action ? { action } : {}) });
      const visible = await auditVisibleCodes(db, request.principal);
      const link = (o: number) => {
        const params = new URLSearchParams({ limit: String(limit), offset: String(o) });
        if (action) params.set('action', action);
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
