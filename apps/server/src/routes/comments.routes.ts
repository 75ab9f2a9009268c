import {
  commentEventEngagement,
  createComment,
  deleteComment,
  editComment,
  listComments,
  mentionableMembers,
} from '@steppingstones/core/comments';
import { listEnvelope } from '@steppingstones/shared';
import {
  commentCreateSchema,
  commentDtoSchema,
  commentPatchSchema,
  mentionableDtoSchema,
} from '@steppingstones/shared/comments';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['comments'];

/**
 * The conversation on each event (issue 21): everyone who may read the event may speak on it, the
 * blue team included; the core decides what each caller sees (red team only, masks, history).
 */
export async function commentRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/events/:id/comments',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        description:
          'The event’s thread, oldest first. `members` lists who may be mentioned (`@username`), for autocomplete.',
        params: idParams,
        response: {
          200: listEnvelope(commentDtoSchema).extend({
            members: z
              .array(mentionableDtoSchema)
              .describe('Members of the engagement who may be mentioned.'),
          }),
        },
      },
    },
    async (request) => {
      const results = await listComments(db, request.principal, request.params.id, app.ctx.clock.now());
      const { engagementId } = await commentEventEngagement(db, request.principal, request.params.id);
      return {
        count: results.length,
        next: null,
        previous: null,
        results,
        members: await mentionableMembers(db, engagementId),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/comments',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        description:
          'Posts a comment (Markdown; `@username` mentions members). The blue team may comment too; only the red team may set `red_team_only`.',
        params: idParams,
        body: commentCreateSchema,
        response: { 201: commentDtoSchema },
      },
    },
    async (request, reply) => {
      const created = await createComment(requestServices(request), request.params.id, request.body);
      reply.header('location', `/api/v1/comments/${created.id}/`);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/v1/comments/:id',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        description: 'The author edits their comment within 15 minutes of posting; the earlier text is kept.',
        params: idParams,
        body: commentPatchSchema,
        response: { 200: commentDtoSchema },
      },
    },
    async (request) => editComment(requestServices(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/comments/:id',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags,
        description:
          'Deletes a comment (its author, or the engagement lead): it stays in the thread as deleted and its text in the history.',
        params: idParams,
      },
    },
    async (request, reply) => {
      await deleteComment(requestServices(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
