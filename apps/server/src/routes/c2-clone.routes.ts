import {
  cloneActionsToEvents,
  cloneActionToEvent,
  cloneC2RecordToEvent,
  eventDraftForAction,
  eventDraftForDownload,
  eventDraftForSession,
} from '@steppingstones/core/c2';
import { c2CloneManyInputSchema, c2CloneManyResultSchema } from '@steppingstones/shared/c2';
import { eventFieldsSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const tags = ['c2'];
const params = z.object({ id: z.coerce.number().int().positive().describe('The record id.') });
const access = { access: { permission: 'event.add' as const, alsoRequires: ['c2.view' as const] } };
const draftSchema = z.object({
  action_id: z.number().int(),
  fields: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()),
});

const recordDraft = (key: 'download_id' | 'session_id') =>
  z.object({
    [key]: z.number().int(),
    fields: z.record(z.string(), z.unknown()),
    warnings: z.array(z.string()),
  });

/** Clone an operator action, a download or a session to an event: the pre-filled form, then the save that links both. */
export async function c2CloneRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.get(
    '/api/v1/c2/actions/:id/event-draft',
    {
      config: access,
      schema: {
        tags,
        summary: 'The event form pre-filled from a C2 action (nothing is written).',
        params,
        response: { 200: draftSchema },
      },
    },
    async (request) => eventDraftForAction(db, request.principal, request.params.id),
  );
  app.post(
    '/api/v1/c2/actions/:id/clone',
    {
      config: access,
      schema: {
        tags,
        summary: "Save an event cloned from a C2 action, in the action's engagement, linked to it.",
        params,
        body: eventFieldsSchema,
        response: { 201: z.object({ action_id: z.number().int(), event_id: z.number().int() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await cloneActionToEvent(
            requestServices(request),
            request.principal,
            request.params.id,
            request.body,
          ),
        ),
  );
  app.post(
    '/api/v1/c2/actions/clone',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Clone selected: each action becomes the event its draft describes (already cloned ones are skipped).',
        body: c2CloneManyInputSchema,
        response: { 201: c2CloneManyResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await cloneActionsToEvents(requestServices(request), request.principal, request.body.actions)),
  );
  for (const [path, table, draft, key] of [
    ['downloads', 'c2_download', eventDraftForDownload, 'download_id'],
    ['sessions', 'c2_session', eventDraftForSession, 'session_id'],
  ] as const) {
    const what = path === 'downloads' ? 'download' : 'session';
    app.get(
      `/api/v1/c2/${path}/:id/event-draft`,
      {
        config: access,
        schema: {
          tags,
          summary: `The event form pre-filled from a C2 ${what} (nothing is written).`,
          params,
          response: { 200: recordDraft(key) },
        },
      },
      async (request) => draft(db, request.principal, request.params.id),
    );
    app.post(
      `/api/v1/c2/${path}/:id/clone`,
      {
        config: access,
        schema: {
          tags,
          summary: `Save an event cloned from a C2 ${what}, in its engagement, linked to it.`,
          params,
          body: eventFieldsSchema,
          response: { 201: z.object({ [key]: z.number().int(), event_id: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const { event_id } = await cloneC2RecordToEvent(
          requestServices(request),
          request.principal,
          table,
          request.params.id,
          request.body,
        );
        return reply.status(201).send({ [key]: request.params.id, event_id });
      },
    );
  }
}
