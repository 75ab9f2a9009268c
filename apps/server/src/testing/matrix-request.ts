import type { DeclaredRoute } from '../http/route-access.ts';
import { engagementParam } from '../http/route-access.ts';
import type { ApiClient } from './api-client.ts';
import { type MatrixFixture, ROUTE_SAMPLES } from './route-samples.ts';

export interface BuiltRequest {
  path: string;
  body: unknown;
  engagementScoped: boolean;
  /** Set when a path parameter could not be filled: only the checks made before any handler apply. */
  missingSample?: string;
}

/** Builds the permission matrix's request for a route from its sample, else the generic fallback. */
export async function buildRequest(route: DeclaredRoute, f: MatrixFixture): Promise<BuiltRequest> {
  const key = `${route.method} ${route.url}`;
  const sample = ROUTE_SAMPLES[key] ?? {};
  const given = sample.params ? await sample.params(f) : {};
  let scoped = false;
  const missing: string[] = [];
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const kind = engagementParam(route.url, name);
    if (kind) scoped = true;
    const value =
      given[name] ??
      (kind === 'code' ? f.engagement.code : kind === 'id' ? String(f.engagement.id) : undefined);
    if (value === undefined) missing.push(`:${name}`);
    return encodeURIComponent(value ?? '0');
  });
  const missingSample = missing.length
    ? `${key}: the permission matrix cannot fill ${missing.join(', ')}. Add an entry for "${key}" to ROUTE_SAMPLES in apps/server/src/testing/route-samples.ts.`
    : undefined;
  const query = sample.query ? `?${new URLSearchParams(await sample.query(f))}` : '';
  const body = sample.body ? await sample.body(f) : ['GET', 'DELETE'].includes(route.method) ? undefined : {};
  return {
    path: path + query,
    body,
    engagementScoped: sample.engagementScoped ?? scoped,
    ...(missingSample ? { missingSample } : {}),
  };
}

/**
 * One request as `c` would send it (cookie, CSRF header, Origin), reading the body only when it is not
 * a stream: an allowed Server-Sent Events route answers 200 and would never end.
 */
export async function probe(
  c: ApiClient,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (c.cookie) headers.cookie = c.cookie;
  if (method !== 'GET') {
    headers.origin = c.url;
    if (c.csrfToken) headers['x-csrf-token'] = c.csrfToken;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  // A route that never answers is reported as such rather than stalling the whole matrix.
  const res = await fetch(new URL(path, c.url), {
    method,
    headers,
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch((error: unknown) => ({ error }));
  if ('error' in res) return { status: 0, body: `no answer: ${String(res.error)}` };
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    controller.abort();
    return { status: res.status, body: '(event stream)' };
  }
  const text = await res.text();
  return { status: res.status, body: text.slice(0, 300) };
}
