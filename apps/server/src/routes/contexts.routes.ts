import { contextValues, getContext, listContexts, updateContext } from '@steppingstones/core/contexts';
import { listEnvelope } from '@steppingstones/shared';
import { contextDtoSchema, contextInputSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['contexts'];
const listQuery = z.object({
  engagement: z.string().trim().min(1).optional(),
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Contexts (source / target of events): the picker by recent use, part values, and the shared edit. */
export async function contextRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/contexts',
    {
      config: { access: { permission: 'context.view' } },
      schema: { tags, querystring: listQuery, response: { 200: listEnvelope(contextDtoSchema) } },
    },
    async (request) => {
      const results = await listContexts(db, request.principal, request.query);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.get(
    '/api/v1/contexts/values',
    {
      config: { access: { permission: 'context.view' } },
      schema: {
        tags,
        description: 'Distinct host, user or process values of the engagement containing `search`.',
        querystring: listQuery.extend({ field: z.enum(['host', 'user', 'process']) }),
        response: { 200: z.object({ results: z.array(z.string()) }) },
      },
    },
    async (request) => ({ results: await contextValues(db, request.principal, request.query) }),
  );

  app.get(
    '/api/v1/contexts/:id',
    {
      config: { access: { permission: 'context.view' } },
      schema: {
        tags,
        params: idParams,
        response: { 200: contextDtoSchema.extend({ event_count: z.number().int() }) },
      },
    },
    async (request) => getContext(db, request.principal, request.params.id),
  );

  app.patch(
    '/api/v1/contexts/:id',
    {
      config: { access: { permission: 'context.change' } },
      schema: {
        tags,
        description:
          'Edits a shared context in place: every event of the engagement using it changes too; `shared_event_count` says how many.',
        params: idParams,
        body: contextInputSchema,
        response: { 200: z.object({ context: contextDtoSchema, shared_event_count: z.number().int() }) },
      },
    },
    async (request) => updateContext(db, request.principal, request.params.id, request.body),
  );
}
