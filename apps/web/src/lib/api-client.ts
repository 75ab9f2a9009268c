import { ApiError, type FieldError } from './api-error.ts';

/**
 * The CSRF token of the current cookie session. The server hands it out with the login and `me`
 * responses; every cookie-authenticated write must echo it in `X-CSRF-Token`.
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** For requests with a non-JSON body (CSV uploads) that cannot go through `apiFetch`. */
export const getCsrfToken = (): string | null => csrfToken;

/** Called when any request answers 401, so the app can drop its cached user and show the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const API_PREFIX = '/api/v1';

export function apiUrl(path: string): string {
  return path.startsWith('/api/') ? path : `${API_PREFIX}${path}`;
}

interface ErrorBody {
  error?: string;
  message?: string;
  fields?: FieldError[];
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status text below.
  }
  const fallback =
    response.status >= 500
      ? 'The server had a problem handling this request. Please try again; if it keeps happening, tell your administrator.'
      : `The request failed (${response.status} ${response.statusText}).`;
  return new ApiError(
    response.status,
    body.error ?? 'http_error',
    body.message ?? fallback,
    body.fields ?? [],
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Don't run the global 401 handler (the `me` probe and the login form handle 401 themselves). */
  quiet401?: boolean;
  /** Extra request headers (e.g. `If-Match` for optimistic concurrency). */
  headers?: Record<string, string>;
}

/** Sends a request and returns the raw response after checking its status. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(apiUrl(path), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw await toApiError(response);
  }
  return response;
}

/** Sends a request and parses its JSON body (`undefined` for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
