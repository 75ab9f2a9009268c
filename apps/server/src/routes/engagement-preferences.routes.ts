import { getEngagementPreferences, updateEngagementPreferences } from '@steppingstones/core/users';
import {
  engagementPreferencesSchema,
  engagementPreferencesUpdateSchema,
} from '@steppingstones/shared/engagement-preferences';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { requestServices } from '../http/request-services.ts';

const codeParams = z.object({ code: z.string().min(1).max(100) });

/**
 * The caller's own settings within an engagement (the event grid's last filter), so they follow the user
 * from one machine to another. Any member may keep their own; another engagement's code answers 404.
 */
export async function engagementPreferenceRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/engagements/:code/preferences',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['engagements'], params: codeParams, response: { 200: engagementPreferencesSchema } },
    },
    (request) => getEngagementPreferences(db, request.principal, request.params.code),
  );

  app.patch(
    '/api/v1/engagements/:code/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['engagements'],
        params: codeParams,
        body: engagementPreferencesUpdateSchema,
        response: { 200: engagementPreferencesSchema },
      },
    },
    (request) =>
      updateEngagementPreferences(
        requestServices(request),
        request.principal,
        request.params.code,
        request.body,
      ),
  );
}
