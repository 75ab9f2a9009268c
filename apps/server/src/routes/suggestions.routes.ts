import { suggestForEvent } from '@steppingstones/core/suggestions';
import { suggestionRequestSchema, suggestionResponseSchema } from '@steppingstones/shared/attack';
import type { AppServer } from '../app-server.ts';

/** ATT&CK and description suggestions for the event form, from tool and command patterns. */
export async function suggestionRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;
  app.post(
    '/api/v1/suggestions',
    {
      config: { access: { permission: 'event.add' } },
      schema: {
        tags: ['events'],
        description:
          'ATT&CK and description suggestions for an event being written, from the tools and commands in its text, best first.',
        body: suggestionRequestSchema,
        response: { 200: suggestionResponseSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const results = await suggestForEvent(db, b, {
        current: {
          tactic_id: b.mitre_attack_tactic,
          technique_id: b.mitre_attack_technique,
          subtechnique_id: b.mitre_attack_subtechnique,
        },
      });
      return { count: results.length, next: null, previous: null, results };
    },
  );
}
