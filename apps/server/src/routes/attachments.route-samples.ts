import { Readable } from 'node:stream';
import { addAttachment, attachmentSettings } from '@steppingstones/core/attachments';
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

/**
 * A shared text attachment uploaded by the allowed caller: shared, so the least privileged reader (the
 * blue team) is let through; theirs, so an operator may share it.
 */
async function fixtureAttachment(f: MatrixFixture) {
  const event = await fixtureEvent(f);
  const ctx = f.ctx.services();
  const added = await addAttachment(ctx, systemPrincipal(), attachmentSettings(f.ctx.config), {
    eventId: event.id,
    filename: 'matrix.txt',
    body: Readable.from([Buffer.from('made by the permission matrix\n')]),
  });
  await f.ctx.database.db
    .updateTable('attachment')
    .set({ shared: 1, created_by: f.user.id })
    .where('id', '=', added.id)
    .execute();
  return { id: String(added.id) };
}

/** Permission-matrix samples for the attachment routes (spread into ROUTE_SAMPLES). */
export const ATTACHMENT_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/events/:id/attachments': {
    params: async (f) => ({ id: String((await fixtureEvent(f)).id) }),
    query: () => ({ filename: 'matrix.txt' }),
    body: () => 'uploaded by the permission matrix',
    engagementScoped: true,
  },
  'GET /api/v1/events/:id/attachments': {
    params: async (f) => ({ id: String((await fixtureEvent(f)).id) }),
    engagementScoped: true,
  },
  'GET /api/v1/attachments/:id': { params: fixtureAttachment, engagementScoped: true },
  'PATCH /api/v1/attachments/:id': {
    params: fixtureAttachment,
    body: () => ({ shared: false }),
    engagementScoped: true,
  },
  'DELETE /api/v1/attachments/:id': { params: fixtureAttachment, engagementScoped: true },
};
