import { contextValues, getContext, listContexts, updateContext } from '@steppingstones/core/contexts';
import { listEnvelope } from '@steppingstones/shared';
import {
  contextDetailDtoSchema,
  contextDtoSchema,
  contextListQuerySchema,
  contextUpdateResultSchema,
  contextUpdateSchema,
  contextValuesQuerySchema,
} from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { listPage } from '../http/paging.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['contexts'];

/** Contexts (source / target of events): the picker by recent use, part values, and the shared edit. */
export async function contextRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/contexts',
    {
      config: { access: { permission: 'context.view' } },
      schema: {
        tags,
        description: 'Contexts of the engagement, most recently used first (the event form’s picker).',
        querystring: contextListQuerySchema,
        response: { 200: listEnvelope(contextDtoSchema) },
      },
    },
    async (request) =>
      listPage(request, app.ctx.config.publicUrl, await listContexts(db, request.principal, request.query)),
  );

  app.get(
    '/api/v1/contexts/values',
    {
      config: { access: { permission: 'context.view' } },
      schema: {
        tags,
        description: 'Distinct host, user or process values of the engagement containing `search`.',
        querystring: contextValuesQuerySchema,
        response: { 200: listEnvelope(z.string()) },
      },
    },
    async (request) =>
      listPage(request, app.ctx.config.publicUrl, await contextValues(db, request.principal, request.query)),
  );

  app.get(
    '/api/v1/contexts/:id',
    {
      config: { access: { permission: 'context.view' } },
      schema: {
        tags,
        params: idParams,
        response: { 200: contextDetailDtoSchema },
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
        body: contextUpdateSchema,
        response: { 200: contextUpdateResultSchema },
      },
    },
    async (request) =>
      updateContext(requestServices(request), request.principal, request.params.id, request.body),
  );
}
