/** A response with its body parsed (JSON when the server sent JSON, else the text). */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiClient {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The `ss_session=…` cookie pair sent with every request ('' for bearer and anonymous clients). */
  cookie: string;
  /** The CSRF token sent as `X-CSRF-Token` on writes ('' when none). */
  csrfToken: string;
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  get<T = unknown>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  put<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  del<T = unknown>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

export interface ClientAuth {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
}

/**
 * A tiny HTTP client over real fetch. With a cookie it behaves like the web app in a browser: writes
 * carry `X-CSRF-Token` and a same-origin `Origin`. `path` is relative to `url` (e.g. `/api/v1/events/`).
 */
export function createClient(url: string, auth: ClientAuth = {}): ApiClient {
  const client: ApiClient = {
    url,
    cookie: auth.cookie ?? '',
    csrfToken: auth.csrfToken ?? '',
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const h: Record<string, string> = { accept: 'application/json' };
      if (client.cookie) h.cookie = client.cookie;
      if (auth.bearer) h.authorization = `Bearer ${auth.bearer}`;
      const write = !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
      if (write) {
        h.origin = url;
        if (client.csrfToken) h['x-csrf-token'] = client.csrfToken;
      }
      let payload: string | undefined;
      if (body !== undefined) {
        h['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const response = await fetch(new URL(path, url), {
        method,
        headers: { ...h, ...headers },
        ...(payload === undefined ? {} : { body: payload }),
      });
      // Follow the server when it re-issues the session (password change keeps the current browser in).
      const renewed = sessionCookieFrom(response.headers);
      if (renewed !== undefined) client.cookie = renewed;
      const text = await response.text();
      const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
      return {
        status: response.status,
        headers: response.headers,
        body: (isJson && text ? JSON.parse(text) : text) as T,
      };
    },
    get: (path, headers) => client.request('GET', path, undefined, headers),
    post: (path, body, headers) => client.request('POST', path, body, headers),
    put: (path, body, headers) => client.request('PUT', path, body, headers),
    patch: (path, body, headers) => client.request('PATCH', path, body, headers),
    del: (path, headers) => client.request('DELETE', path, undefined, headers),
  };
  return client;
}

/** The `ss_session=value` pair a response sets, '' when it clears it, undefined when it says nothing. */
export function sessionCookieFrom(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const match = /^ss_session=([^;]*)/.exec(line);
    if (match) return match[1] ? `ss_session=${match[1]}` : '';
  }
  return undefined;
}
