import { type ServiceContext, serviceContext } from '@steppingstones/core';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/**
 * The service context of one request: the app's database, clock and keys, the caller resolved by
 * authentication (null on public routes such as sign-in) and the request's logger.
 */
export function requestServices(request: FastifyRequest): ServiceContext {
  return serviceContext(request.server.ctx, request.principal ?? null, request.log as unknown as Logger);
}
