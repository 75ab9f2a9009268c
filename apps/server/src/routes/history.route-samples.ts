import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';
import { matrixOperator } from './events.route-samples.ts';

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

/** Permission-matrix samples for the history and presence routes (spread into ROUTE_SAMPLES). */
export const HISTORY_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/events/:id/history': {
    params: async (f) => ({ id: String((await fixtureEvent(f)).id) }),
    engagementScoped: true,
  },
  'POST /api/v1/events/:id/restore': {
    params: async (f) => {
      const event = await fixtureEvent(f);
      (f as MatrixFixture & { eventId?: number }).eventId = event.id;
      return { id: String(event.id) };
    },
    body: async (f) => {
      const eventId = (f as MatrixFixture & { eventId?: number }).eventId;
      const row = await f.ctx.database.db
        .selectFrom('event_revision')
        .select('id')
        .where('event_id', '=', eventId ?? 0)
        .executeTakeFirstOrThrow();
      return { revision: Number(row.id) };
    },
    engagementScoped: true,
  },
  'GET /api/v1/events/trash': { query: (f) => ({ engagement: f.engagement.code }) },
  'GET /api/v1/events/export': { query: (f) => ({ engagement: f.engagement.code }) },
  'POST /api/v1/events/import': { query: (f) => ({ engagement: f.engagement.code }) },
  'POST /api/v1/events/bulk': {
    body: async (f) => ({
      engagement: f.engagement.code,
      ids: [(await fixtureEvent(f)).id],
      expected_count: 1,
      changes: { detected: 'FUL' },
    }),
  },
  'GET /api/v1/events/presence': { query: (f) => ({ engagement: f.engagement.code }) },
  'PUT /api/v1/events/:id/presence': {
    params: async (f) => ({ id: String((await fixtureEvent(f)).id) }),
    engagementScoped: true,
  },
  'DELETE /api/v1/events/:id/presence': {
    params: async (f) => ({ id: String((await fixtureEvent(f)).id) }),
    engagementScoped: true,
  },
  'POST /api/v1/events/:id/undelete': {
    params: async (f) => {
      const event = await fixtureEvent(f);
      // Deleted by the allowed caller: an operator may recover their own deletions (a lead anyone's).
      const deleted = await f.client.del(`/api/v1/events/${event.id}/`);
      if (deleted.status !== 204) throw new Error(`delete failed: ${deleted.status}`);
      return { id: String(event.id) };
    },
    engagementScoped: true,
  },
};
