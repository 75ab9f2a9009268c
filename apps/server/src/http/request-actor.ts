import type { AuditActor } from '@steppingstones/core/audit';
import type { FastifyRequest } from 'fastify';

/** Who did it and from where, for the audit log. */
export function auditActor(request: FastifyRequest): AuditActor {
  return { userId: request.principal.userId, username: request.principal.username, ip: request.ip };
}
