import { api, setCsrfToken } from '../../lib/api-client.ts';
import type { Me, MeResponse, MeUpdate, SessionResponse } from './auth-types.ts';

function remember(response: MeResponse): Me {
  setCsrfToken(response.csrfToken);
  return response.user;
}

/** The signed-in user, or null when nobody is signed in (a 200 either way: no failed request). */
export async function fetchMe(): Promise<Me | null> {
  const session = await api<SessionResponse>('/auth/session/', { quiet401: true });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function login(username: string, password: string): Promise<Me> {
  return remember(
    await api<MeResponse>('/auth/login/', { method: 'POST', body: { username, password }, quiet401: true }),
  );
}

let loggedOut = false;

export async function logout(): Promise<void> {
  await api<void>('/auth/logout/', { method: 'POST', quiet401: true });
  setCsrfToken(null);
  loggedOut = true;
}

/** Whether the last sign-out was the user's own (the login page then says so), once. */
export function consumeLoggedOut(): boolean {
  const was = loggedOut;
  loggedOut = false;
  return was;
}

export async function updateMe(update: MeUpdate): Promise<Me> {
  return remember(await api<MeResponse>('/auth/me/', { method: 'PATCH', body: update }));
}

export async function changePassword(current_password: string, new_password: string): Promise<void> {
  await api<void>('/auth/password/', { method: 'POST', body: { current_password, new_password } });
}
