import { bulkEditEvents } from '@steppingstones/core/bulk-edit';
import { bulkEditResultSchema, bulkEditSchema } from '@steppingstones/shared/bulk-edit';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

/**
 * `POST /api/v1/events/bulk/`: add or remove tags, set Detected / Prevented, star or unstar, for the
 * selected events or everything under the grid's filter. The declared permission is the weakest that
 * can use it (a blue team "limited write" user may set Detected / Prevented); the service checks the
 * permission each change needs.
 */
export async function bulkEditRoutes(app: AppServer): Promise<void> {
  app.post(
    '/api/v1/events/bulk',
    {
      config: { access: { permission: 'event.change_limited' } },
      schema: { tags: ['events'], body: bulkEditSchema, response: { 200: bulkEditResultSchema } },
    },
    async (request) => bulkEditEvents(requestServices(request), request.principal, request.body),
  );
}
