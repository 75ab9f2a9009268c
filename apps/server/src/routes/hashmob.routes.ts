import { hashmobCaller, issueHashmobToken, submitFounds } from '@steppingstones/core/credentials';
import { hashmobSubmitSchema } from '@steppingstones/shared/credentials';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

/**
 * The HashMob-compatible submission endpoint (HashmobAPIUploader streams cracks from a rig) and the
 * INI that configures it. The submit route authenticates its own `api-key` header, as the uploader
 * sends no other credentials; the key is a personal token limited to one engagement.
 */
export async function hashmobRoutes(app: AppServer): Promise<void> {
  app.post(
    '/api/hashmob/v2/submit',
    {
      config: { access: 'public' },
      schema: {
        tags: ['credentials'],
        description:
          'HashMob-compatible: header `api-key: <token from hashmob_config.ini>`, body {"algorithm": n, "founds": ["hash:plain", …]}. The founds are matched like a cracked upload.',
        body: hashmobSubmitSchema,
      },
    },
    async (request) => {
      const header = request.headers['api-key'];
      const services = requestServices(request);
      const { principal, engagementId } = await hashmobCaller(
        services,
        Array.isArray(header) ? header[0] : header,
      );
      return submitFounds({ ...services, principal }, principal, engagementId, request.body.founds);
    },
  );

  app.get(
    '/api/v1/credentials/hashmob-config.ini',
    {
      config: { access: { permission: 'credential.change' } },
      schema: {
        tags: ['credentials'],
        description:
          'The INI for HashmobAPIUploader, with a new personal token limited to this engagement and credential.change (the previous one is revoked).',
        querystring: z.object({ engagement: z.string().trim().min(1, 'is required') }),
      },
    },
    async (request, reply) => {
      const token = await issueHashmobToken(
        requestServices(request),
        request.principal,
        request.query.engagement,
        auditActor(request),
      );
      const origin = app.ctx.config.publicUrl
        ? new URL(app.ctx.config.publicUrl).origin
        : `${request.protocol}://${request.host}`;
      const ini = [
        '[API]',
        `api_endpoint = ${origin}/api/hashmob/v2/submit`,
        `api_key = ${token}`,
        'resubmission_delay = 60',
        '',
      ].join('\n');
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', contentDisposition('hashmob_config.ini'))
        .header('cache-control', 'no-store')
        .send(ini);
    },
  );
}
