import { recordAudit } from '@steppingstones/core/audit';
import {
  checkWebhookTarget,
  createWebhook,
  deleteWebhook,
  deliveryBody,
  exampleBodies,
  getWebhook,
  listDeliveries,
  listWebhooks,
  requireWebhookAccess,
  testWebhook,
  updateWebhook,
  webhookEngagementId,
  webhookScope,
} from '@steppingstones/core/webhooks';
import {
  listEnvelope,
  WEBHOOK_TYPES,
  webhookCreateSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhookTestResultSchema,
  webhookUpdateSchema,
} from '@steppingstones/shared';
import { webhookBodySchema, webhookExampleSchema } from '@steppingstones/shared/webhook-body';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const access = { permission: 'webhook.admin' } as const;
const tags = ['webhooks'];

/**
 * Outgoing webhooks: CRUD (the secret is write-only), the delivery log, and the *Test* button. A lead
 * manages the webhooks of the engagements they lead; instance webhooks are the superuser's; any other
 * webhook is a 404.
 */
export async function webhookRoutes(app: AppServer): Promise<void> {
  const { db } = app.ctx.database;
  const { config } = app.ctx;

  app.get(
    '/api/v1/webhooks',
    { config: { access }, schema: { tags, response: { 200: listEnvelope(webhookSchema) } } },
    (request) => listWebhooks(db, webhookScope(request.principal)),
  );

  app.get(
    '/api/v1/webhook-types',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The types a webhook can subscribe to',
        response: { 200: z.array(z.string()) },
      },
    },
    () => [...WEBHOOK_TYPES],
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: { access },
      schema: { tags, body: webhookCreateSchema, response: { 201: webhookSchema } },
    },
    async (request, reply) => {
      const engagementId = await webhookEngagementId(db, request.principal, request.body.engagement);
      await checkWebhookTarget(request.body.url, config.webhookAllowPrivate);
      const hook = await createWebhook(
        requestServices(request),
        request.body,
        { userId: request.principal.userId },
        engagementId,
      );
      await recordAudit(requestServices(request), auditActor(request), {
        action: 'webhook.created',
        target: hook.url,
        engagementId,
      });
      return reply.status(201).send(hook);
    },
  );

  app.get(
    '/api/v1/webhooks/:id',
    { config: { access }, schema: { tags, params: idParams, response: { 200: webhookSchema } } },
    async (request) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      return getWebhook(db, request.params.id);
    },
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      config: { access },
      schema: { tags, params: idParams, body: webhookUpdateSchema, response: { 200: webhookSchema } },
    },
    async (request) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      if (request.body.url !== undefined)
        await checkWebhookTarget(request.body.url, config.webhookAllowPrivate);
      const hook = await updateWebhook(requestServices(request), request.params.id, request.body);
      await recordAudit(requestServices(request), auditActor(request), {
        action: 'webhook.updated',
        target: hook.url,
        details: { fields: Object.keys(request.body) },
      });
      return hook;
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    { config: { access }, schema: { tags, params: idParams } },
    async (request, reply) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      const hook = await getWebhook(db, request.params.id);
      await deleteWebhook(requestServices(request), request.params.id);
      await recordAudit(requestServices(request), auditActor(request), {
        action: 'webhook.deleted',
        target: hook.url,
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The delivery log of a webhook, newest first',
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: listEnvelope(webhookDeliverySchema) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      await requireWebhookAccess(db, request.principal, request.params.id);
      const page = await listDeliveries(db, request.params.id, { limit, offset });
      const link = (o: number) =>
        `/api/v1/webhooks/${request.params.id}/deliveries/?limit=${limit}&offset=${o}`;
      return {
        ...page,
        next: page.next ? link(offset + limit) : null,
        previous: page.previous ? link(Math.max(0, offset - limit)) : null,
      };
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries/:delivery_id/body',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The exact JSON body a delivery POSTed (while its job is kept)',
        params: idParams.extend({ delivery_id: z.string().trim().min(1).max(100) }),
        response: { 200: webhookBodySchema },
      },
    },
    async (request) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      return deliveryBody(db, request.params.id, request.params.delivery_id);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/example',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The JSON body the webhook would receive, for each type it subscribes to',
        params: idParams,
        response: { 200: listEnvelope(webhookExampleSchema) },
      },
    },
    async (request) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      const results = await exampleBodies(requestServices(request), request.params.id);
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Send a dummy "new beacon" message now and report the status and latency',
        params: idParams,
        response: { 200: webhookTestResultSchema },
      },
    },
    async (request) => {
      await requireWebhookAccess(db, request.principal, request.params.id);
      return testWebhook(requestServices(request), config, request.params.id);
    },
  );
}
