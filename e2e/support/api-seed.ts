import type { RunningApp } from './app.ts';
import { DEFAULT_SETUP } from './setup.ts';

/** An access token of the first administrator, as a tool calling the API would get one. */
export async function adminAccessToken(app: RunningApp): Promise<string> {
  const res = await fetch(`${app.url}/api/v1/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: DEFAULT_SETUP.admin.username, password: DEFAULT_SETUP.admin.password }),
  });
  if (res.status !== 200) throw new Error(`POST /api/v1/token/ answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access: string }).access;
}

/**
 * Creates events through the API as the first administrator (in DEFAULT_SETUP's engagement unless an
 * event names another); fails on any answer but 201.
 */
export async function createEventsViaApi(
  app: RunningApp,
  events: Array<Record<string, unknown>>,
): Promise<void> {
  const access = await adminAccessToken(app);
  for (const event of events) {
    const res = await fetch(`${app.url}/api/v1/events/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access}` },
      body: JSON.stringify({ engagement: DEFAULT_SETUP.engagement.code, ...event }),
    });
    if (res.status !== 201)
      throw new Error(`POST /api/v1/events/ answered ${res.status}: ${await res.text()}`);
  }
}
