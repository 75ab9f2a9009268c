import {
  listActionCredentials,
  listLineCredentials,
  type OriginCredentials,
} from '@steppingstones/core/credentials';
import { listEnvelope } from '@steppingstones/shared';
import { credentialDtoSchema } from '@steppingstones/shared/credentials';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const view = { access: { permission: 'credential.view' } } as const;
const params = z.object({ id: z.coerce.number().int().positive() });

/**
 * The credentials found in an EventStream line or in a C2 action's output, for their panels. Both
 * need `credential.view`: the blue team never sees the vault (nor C2 data).
 */
export async function originCredentialRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  const envelope = (page: OriginCredentials) => ({
    count: page.count,
    next: null,
    previous: null,
    results: page.results,
  });

  app.get(
    '/api/v1/eventstream/lines/:id/credentials',
    {
      config: view,
      schema: {
        tags: ['credentials'],
        description:
          'The credentials the extractors found in an EventStream line (the first 100 by account, secrets masked; the vault reveals them).',
        params,
        response: { 200: listEnvelope(credentialDtoSchema) },
      },
    },
    async (request) => envelope(await listLineCredentials(db, request.principal, request.params.id)),
  );

  app.get(
    '/api/v1/c2/actions/:id/credentials',
    {
      config: view,
      schema: {
        tags: ['credentials'],
        description:
          "The credentials the extractors found in a C2 action's output (the first 100 by account, secrets masked; the vault reveals them).",
        params,
        response: { 200: listEnvelope(credentialDtoSchema) },
      },
    },
    async (request) => envelope(await listActionCredentials(db, request.principal, request.params.id)),
  );
}
