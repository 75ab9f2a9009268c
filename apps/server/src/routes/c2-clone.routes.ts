import { cloneActionToEvent, eventDraftForAction } from '@steppingstones/core/c2';
import { eventFieldsSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const tags = ['c2'];
const params = z.object({ id: z.coerce.number().int().positive().describe('The action id.') });
const access = { access: { permission: 'event.add' as const, alsoRequires: ['c2.view' as const] } };
const draftSchema = z.object({
  action_id: z.number().int(),
  fields: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()),
});

/** Clone an operator action to an event: the pre-filled form, then the save that links both. */
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
        .send(await cloneActionToEvent(db, request.principal, request.params.id, request.body)),
  );
}
