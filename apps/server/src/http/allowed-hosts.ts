import type { FastifyInstance } from 'fastify';

/** Host of a Host header without its port; IPv6 literals lose their brackets. */
export function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d+$/, '');
}

/** Refuses requests whose Host is not in ALLOWED_HOSTS (any port): DNS rebinding protection. */
export function installAllowedHosts(app: FastifyInstance, allowedHosts: string[]): void {
  const allowed = new Set(allowedHosts);
  const any = allowed.has('*');
  app.addHook('onRequest', async (request, reply) => {
    const host = hostnameOf(request.headers.host);
    if (any || allowed.has(host)) return;
    request.log.warn({ host }, 'refused request for a host that is not allowed');
    return reply.status(400).send({
      error: 'host_not_allowed',
      message: `The host "${host}" is not in ALLOWED_HOSTS. Add it there (or set PUBLIC_URL) to serve it.`,
    });
  });
}
