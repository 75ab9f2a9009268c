import { listTags } from '@steppingstones/core/tags';
import { listEnvelope } from '@steppingstones/shared';
import { tagDtoSchema } from '@steppingstones/shared/events';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

/** Tags of an engagement (autocomplete: names starting with `search`, case-insensitive). */
export async function tagRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.get(
    '/api/v1/tags',
    {
      config: { access: { permission: 'tag.view' } },
      schema: {
        tags: ['tags'],
        querystring: z.object({
          engagement: z.string().trim().min(1).optional(),
          search: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: { 200: listEnvelope(tagDtoSchema) },
      },
    },
    async (request) => {
      const results = await listTags(db, request.principal, request.query);
      return { count: results.length, next: null, previous: null, results };
    },
  );
}
