import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { findUserByUsername } from '@steppingstones/core/users';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';
import { createTestUser } from '../testing/test-server.ts';

/**
 * The operator of the matrix's events: a superuser (one may be operator anywhere), since the allowed
 * caller may be of the blue team, whom an event cannot name.
 */
export async function matrixOperator(f: MatrixFixture): Promise<string> {
  const found = await findUserByUsername(f.ctx.database.db, 'matrix-operator');
  if (!found) await createTestUser(f.ctx, { username: 'matrix-operator', superuser: true });
  return 'matrix-operator';
}

/** An event of the fixture's engagement, made directly in core (the allowed caller may lack event.add). */
async function fixtureEvent(f: MatrixFixture) {
  return createEvent(f.ctx.services(), systemPrincipal(), {
    engagement: f.engagement.code,
    operator: await matrixOperator(f),
    timestamp: '2026-01-01T00:00:00Z',
    source: { host: 'matrix-src' },
    target: { host: 'matrix-dst' },
    description: 'Made by the permission matrix',
  });
}

const eventId = async (f: MatrixFixture) => ({ id: String((await fixtureEvent(f)).id) });
const contextId = async (f: MatrixFixture) => ({ id: String((await fixtureEvent(f)).source.id) });
const inEngagement = (f: MatrixFixture) => ({ engagement: f.engagement.code });
const validEvent = {
  timestamp: '2026-01-02T00:00:00Z',
  source: { host: 'a' },
  target: { host: 'b' },
  description: 'Matrix',
};

/** Permission-matrix samples for the event log routes (spread into ROUTE_SAMPLES). */
export const EVENT_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/events': { query: inEngagement },
  'POST /api/v1/events': { body: (f) => ({ ...validEvent, engagement: f.engagement.code }) },
  'GET /api/v1/events/:id': { params: eventId, engagementScoped: true },
  'PUT /api/v1/events/:id': { params: eventId, body: () => validEvent, engagementScoped: true },
  'PATCH /api/v1/events/:id': { params: eventId, body: () => ({ outcome: 'x' }), engagementScoped: true },
  'DELETE /api/v1/events/:id': { params: eventId, engagementScoped: true },
  'POST /api/v1/events/:id/star': { params: eventId, body: () => ({}), engagementScoped: true },
  'PATCH /api/v1/events/:id/limited': {
    params: eventId,
    body: () => ({ detected: 'FUL' }),
    engagementScoped: true,
  },
  'GET /api/v1/contexts': { query: inEngagement },
  'GET /api/v1/contexts/values': { query: (f) => ({ ...inEngagement(f), field: 'host' }) },
  'GET /api/v1/contexts/:id': { params: contextId, engagementScoped: true },
  'PATCH /api/v1/contexts/:id': {
    params: contextId,
    body: () => ({ host: 'renamed' }),
    engagementScoped: true,
  },
  'GET /api/v1/tags': { query: inEngagement },
  'GET /api/v1/files': { query: inEngagement },
  'GET /api/v1/files/known': { query: inEngagement },
};
