import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { AppServer } from '../app-server.ts';

interface Parameter {
  name: string;
  in: string;
  description?: string;
}
interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** Fields of a JSON schema without a description, as dotted paths. */
function undescribed(schema: Schema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) => [
    ...(s.description ? [] : [`${prefix}${name}`]),
    ...undescribed(s, `${prefix}${name}.`),
  ]);
}

/** The OpenAPI document is what an integrator reads: the shared schemas describe their fields. */
describe('the OpenAPI document', () => {
  let ctx: TestContext;
  let app: AppServer;
  let doc: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    ({ app } = await buildApp(ctx, { serveWeb: false }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    doc = await (await fetch(`${url}/api/docs/json`)).json();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.dispose();
  });

  it('describes every paging and filter parameter of the contexts list', () => {
    const params = doc.paths['/api/v1/contexts']?.get?.parameters ?? [];
    expect(params.map((p) => p.name).sort()).toEqual([
      'cursor',
      'engagement',
      'limit',
      'page_size',
      'search',
    ]);
    expect(params.filter((p) => !p.description).map((p) => p.name)).toEqual([]);
  });

  it('describes every field of the event a client writes', () => {
    const body = doc.paths['/api/v1/events']?.post?.requestBody?.content['application/json']?.schema;
    expect(body?.properties?.description).toBeDefined();
    expect(undescribed(body as Schema)).toEqual([]);
  });
});
