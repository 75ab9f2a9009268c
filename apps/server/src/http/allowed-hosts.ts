import net from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Host of a Host header without its port; IPv6 literals lose their brackets. */
export function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.replace(/:\d+$/, '');
}

const HOST = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::(\d{1,5}))?$/;

/**
 * A `host[:port]` split in two, or null when it is not one: a name or IP literal (IPv6 in brackets)
 * and, when present, a port from 1 to 65535. Links are built from the request's host, so a host that
 * no URL can hold (`example.com:99999`, `a b`, `x@y`) must stop here rather than fail later.
 */
export function parseHost(value: string | undefined): { hostname: string; port: number | null } | null {
  if (!value) return null;
  const m = HOST.exec(value.trim().toLowerCase());
  if (!m) return null;
  if (m[1] !== undefined && !net.isIPv6(m[1])) return null;
  const port = m[3] === undefined ? null : Number(m[3]);
  if (port !== null && (port < 1 || port > 65_535)) return null;
  return { hostname: m[1] ?? m[2] ?? '', port };
}

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);

function refuse(reply: FastifyReply, error: string, message: string) {
  return reply.status(400).send({ error, message });
}

/**
 * Refuses requests whose host is not in ALLOWED_HOSTS (any port): DNS rebinding protection. Every host
 * the request names is checked: the Host header, the host of an absolute-form request line
 * (`GET http://other/…`, which HTTP/1.1 says wins over Host) and a trusted proxy's X-Forwarded-Host
 * (what `request.host` answers, and so what links are built from).
 */
export function installAllowedHosts(app: FastifyInstance, allowedHosts: string[]): void {
  const allowed = new Set(allowedHosts);
  const any = allowed.has('*');
  app.addHook('onRequest', async (request, reply) => {
    const named: Array<{ what: string; value: string | undefined }> = [
      { what: 'Host header', value: request.headers.host },
    ];
    const target = request.raw.url ?? '/';
    if (!target.startsWith('/') && target !== '*') {
      let url: URL | null = null;
      try {
        url = new URL(target);
      } catch {}
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
        return refuse(reply, 'invalid_url', 'The request URL must be a path (/…) or an http(s) URL.');
      named.push({ what: 'request URL host', value: url.host });
    }
    if (request.host !== request.headers.host) named.push({ what: 'forwarded host', value: request.host });
    for (const { what, value } of named) {
      const parsed = parseHost(value);
      if (!parsed)
        return refuse(
          reply,
          'invalid_host',
          value
            ? `The ${what} "${clip(value)}" is not a host name with an optional port from 1 to 65535.`
            : `The request has no ${what}.`,
        );
      if (any || allowed.has(parsed.hostname)) continue;
      request.log.warn({ host: parsed.hostname }, 'refused request for a host that is not allowed');
      return refuse(
        reply,
        'host_not_allowed',
        `The host "${parsed.hostname}" is not in ALLOWED_HOSTS. Add it there (or set PUBLIC_URL) to serve it.`,
      );
    }
  });
}
