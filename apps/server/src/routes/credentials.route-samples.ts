import { inTransaction } from '@steppingstones/core';
import { importDump, ingestFindings } from '@steppingstones/core/credentials';
import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeTransaction } from '@steppingstones/db';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';
import { matrixOperator } from './events.route-samples.ts';

/** A credential of the fixture's engagement, made directly in core (the caller may lack credential.add). */
async function fixtureCredential(f: MatrixFixture): Promise<{ id: string }> {
  const db = f.ctx.database.db;
  await writeTransaction(db, (tx) =>
    ingestFindings(inTransaction(f.ctx.services(), tx), {
      engagementId: f.engagement.id,
      findings: [
        {
          system: 'MATRIX',
          account: 'matrix',
          hash: '0123456789abcdef0123456789abcdef',
          hashType: 1000,
          secret: 'Matrix1!',
          purpose: '',
          source: 'matrix',
        },
      ],
      origin: {},
      actor: { userId: null, username: 'matrix' },
    }),
  );
  const row = await db
    .selectFrom('credential')
    .select('id')
    .where('engagement_id', '=', f.engagement.id)
    .executeTakeFirstOrThrow();
  return { id: String(row.id) };
}

async function fixtureImport(f: MatrixFixture): Promise<{ id: string }> {
  const result = await importDump(
    f.ctx.services(),
    systemPrincipal(),
    { engagement: f.engagement.code, type: 'user-secret' },
    ['matrix:Matrix1!'],
    { actor: { userId: null, username: 'matrix' }, maxBytes: 1_000_000 },
  );
  return { id: String(result.import_id) };
}

/** An event of the fixture's engagement (the caller may hold no event permission at all). */
async function fixtureEvent(f: MatrixFixture): Promise<{ id: string }> {
  const event = await createEvent(f.ctx.services(), systemPrincipal(), {
    engagement: f.engagement.code,
    operator: await matrixOperator(f),
    timestamp: '2026-01-01T00:00:00Z',
    source: { host: 'matrix-src' },
    target: { host: 'matrix-dst' },
    description: 'An event that found credentials',
  });
  return { id: String(event.id) };
}

const inEngagement = (f: MatrixFixture) => ({ engagement: f.engagement.code });
const scoped = { engagementScoped: true } as const;

/** Permission-matrix samples for the credential vault routes (spread into ROUTE_SAMPLES). */
export const CREDENTIAL_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/credentials': { query: inEngagement, ...scoped },
  'GET /api/v1/credentials/systems': { query: inEngagement, ...scoped },
  'GET /api/v1/credentials/export': { query: inEngagement, ...scoped },
  'POST /api/v1/credentials': {
    body: (f) => ({ engagement: f.engagement.code, account: 'made', hash: 'ab'.repeat(16), hash_type: 1000 }),
    ...scoped,
  },
  'POST /api/v1/credentials/bulk-delete': {
    query: inEngagement,
    body: async (f) => ({ ids: [Number((await fixtureCredential(f)).id)] }),
    ...scoped,
  },
  'GET /api/v1/credentials/:id': { params: fixtureCredential, ...scoped },
  'POST /api/v1/credentials/:id/reveal': { params: fixtureCredential, ...scoped },
  'PATCH /api/v1/credentials/:id': {
    params: fixtureCredential,
    body: () => ({ purpose: 'Matrix' }),
    ...scoped,
  },
  'DELETE /api/v1/credentials/:id': { params: fixtureCredential, ...scoped },
  'POST /api/v1/credentials/imports': {
    query: (f) => ({ engagement: f.engagement.code, type: 'user-secret' }),
    body: () => 'matrix:Matrix1!',
    ...scoped,
  },
  'GET /api/v1/credentials/imports/:id': { params: fixtureImport, ...scoped },
  'POST /api/v1/credentials/cracked': {
    query: inEngagement,
    body: () => '0123456789abcdef0123456789abcdef:Matrix1!',
    ...scoped,
  },
  'GET /api/v1/credentials/hashmob-config.ini': { query: inEngagement, ...scoped },
  'GET /api/v1/credentials/accounts': { query: inEngagement, ...scoped },
  'GET /api/v1/events/:id/credentials': { params: fixtureEvent, ...scoped },
};
