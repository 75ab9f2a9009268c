import { createEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';
import { matrixOperator } from './events.route-samples.ts';

async function fixtureEventId(f: MatrixFixture): Promise<string> {
  const event = await createEvent(f.ctx.services(), systemPrincipal(), {
    engagement: f.engagement.code,
    operator: await matrixOperator(f),
    timestamp: '2026-01-01T00:00:00Z',
    source: { host: 'matrix-src' },
    target: { host: 'matrix-dst' },
    description: 'Made by the permission matrix',
  });
  return String(event.id);
}

/**
 * A comment posted by the allowed caller (the least privileged role: blue team, read only), so the
 * edit and delete are their own, as those routes require.
 */
async function ownComment(f: MatrixFixture): Promise<Record<string, string>> {
  const eventId = await fixtureEventId(f);
  const res = await f.client.post<{ id: number }>(`/api/v1/events/${eventId}/comments/`, {
    body: 'Said in the permission matrix',
  });
  if (res.status !== 201) throw new Error(`comment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: String(res.body.id) };
}

/** Permission-matrix samples for the comment routes (spread into ROUTE_SAMPLES). */
export const COMMENT_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/events/:id/comments': {
    params: async (f) => ({ id: await fixtureEventId(f) }),
    engagementScoped: true,
  },
  'POST /api/v1/events/:id/comments': {
    params: async (f) => ({ id: await fixtureEventId(f) }),
    body: () => ({ body: 'Posted by the permission matrix' }),
    engagementScoped: true,
  },
  'PATCH /api/v1/comments/:id': {
    params: ownComment,
    body: () => ({ body: 'Edited by the permission matrix' }),
    engagementScoped: true,
  },
  'DELETE /api/v1/comments/:id': { params: ownComment, engagementScoped: true },
};
