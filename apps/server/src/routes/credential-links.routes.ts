import { listEventCredentials, vaultAccounts } from '@steppingstones/core/credentials';
import { listEnvelope } from '@steppingstones/shared';
import { credentialDtoSchema, eventCredentialListQuerySchema } from '@steppingstones/shared/credentials';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { pageLink } from '../http/page-links.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const view = { access: { permission: 'credential.view' } } as const;

const vaultAccountSchema = z.object({ system: z.string(), account: z.string(), value: z.string() });

/**
 * The vault seen from the rest of the app: the credentials an event produced, and vault accounts for
 * the event form's user fields. Both need `credential.view`: the blue team never reaches them.
 */
export async function credentialLinkRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/events/:id/credentials',
    {
      config: view,
      schema: {
        tags: ['credentials'],
        description:
          'The credentials an event produced (hashes and passwords found in its tool output), listed like the vault: masked unless reveal=true (audited).',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: eventCredentialListQuerySchema,
        response: { 200: listEnvelope(credentialDtoSchema) },
      },
    },
    async (request) => {
      const page = await listEventCredentials(
        requestServices(request),
        request.principal,
        request.params.id,
        request.query,
        auditActor(request),
      );
      return {
        count: page.count,
        next: pageLink(request, app.ctx.config.publicUrl, page.next),
        previous: pageLink(request, app.ctx.config.publicUrl, page.previous),
        results: page.results,
      };
    },
  );

  app.get(
    '/api/v1/credentials/accounts',
    {
      config: view,
      schema: {
        tags: ['credentials'],
        description:
          'Vault accounts of an engagement starting with `search` (`SYSTEM\\prefix` narrows the system), for the event form’s user fields.',
        querystring: z.object({
          engagement: z.string().trim().min(1, 'is required'),
          search: z.string().max(400, 'must be at most 400 characters').default(''),
          page_size: z.coerce
            .number()
            .int()
            .min(1, 'must be at least 1')
            .max(100, 'must be at most 100')
            .default(20),
        }),
        response: { 200: listEnvelope(vaultAccountSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const results = await vaultAccounts(db, request.principal, q.engagement, q.search, q.page_size);
      return { count: results.length, next: null, previous: null, results };
    },
  );
}
