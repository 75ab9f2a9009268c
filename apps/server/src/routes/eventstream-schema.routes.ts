import { eventstreamExampleText, eventstreamSchemaText } from '@steppingstones/core/eventstream';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';

/** The EventStream schema and example, public like any format documentation. */
export async function eventstreamSchemaRoutes(app: AppServer): Promise<void> {
  app.get(
    '/eventstream.schema.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/schema+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(eventstreamSchemaText()),
  );
  app.get(
    '/eventstream-example.jsonl',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/jsonl; charset=utf-8')
        .header('content-disposition', contentDisposition('eventstream-example.jsonl'))
        .send(eventstreamExampleText()),
  );
}
