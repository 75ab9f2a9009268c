import { NotFoundError } from '@steppingstones/core';
import {
  attackReleaseInfo,
  getTechnique,
  listSubtechniques,
  listTactics,
  listTechniques,
} from '@steppingstones/core/attack';
import { listEnvelope } from '@steppingstones/shared';
import {
  attackReleaseDtoSchema,
  attackTacticDtoSchema,
  attackTacticQuerySchema,
  attackTechniqueDetailDtoSchema,
  attackTechniqueQuerySchema,
  attackTechniqueSummaryDtoSchema,
} from '@steppingstones/shared/attack';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const tags = ['attack'];
// ATT&CK is public knowledge, but the API serves signed-in users (the event form's pickers).
const access = { permission: 'event.view' } as const;
const idParams = z.object({
  id: z.string().regex(/^[Tt]\d{4}(\.\d{3})?$/, 'must be a technique id like T1059 or T1059.001'),
});

const all = <T>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

/** MITRE ATT&CK reference data: tactics, techniques (cascading pickers with search), one technique in full. */
export async function attackRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/attack/tactics',
    {
      config: { access },
      schema: {
        tags,
        querystring: attackTacticQuerySchema,
        response: { 200: listEnvelope(attackTacticDtoSchema) },
      },
    },
    async (request) => all(await listTactics(db, { includeDeprecated: request.query.include_deprecated })),
  );

  app.get(
    '/api/v1/attack/techniques',
    {
      config: { access },
      schema: {
        tags,
        querystring: attackTechniqueQuerySchema,
        response: { 200: listEnvelope(attackTechniqueSummaryDtoSchema) },
      },
    },
    async (request) =>
      all(
        await listTechniques(db, {
          tactic: request.query.tactic,
          search: request.query.search,
          includeSubtechniques: request.query.subtechniques,
          includeDeprecated: request.query.include_deprecated,
        }),
      ),
  );

  app.get(
    '/api/v1/attack/techniques/:id',
    {
      config: { access },
      schema: { tags, params: idParams, response: { 200: attackTechniqueDetailDtoSchema } },
    },
    async (request) => getTechnique(db, request.params.id),
  );

  app.get(
    '/api/v1/attack/techniques/:id/subtechniques',
    {
      config: { access },
      schema: {
        tags,
        params: idParams,
        querystring: attackTacticQuerySchema,
        response: { 200: listEnvelope(attackTechniqueSummaryDtoSchema) },
      },
    },
    async (request) => {
      await getTechnique(db, request.params.id); // 404 for an unknown technique, not an empty list
      return all(
        await listSubtechniques(db, request.params.id, {
          includeDeprecated: request.query.include_deprecated,
        }),
      );
    },
  );

  app.get(
    '/api/v1/attack/release',
    { config: { access }, schema: { tags, response: { 200: attackReleaseDtoSchema } } },
    async () => {
      const info = await attackReleaseInfo(db);
      if (!info) throw new NotFoundError('The ATT&CK release information');
      return info;
    },
  );
}
