/**
 * The signed-in user as `GET /api/v1/auth/me/` returns it: `permissions` are the codes held in some
 * engagement (for menus); each engagement carries the user's `role` and `permissions` there.
 */
export type { Me, SessionResponse } from '@steppingstones/shared';

import type { Me } from '@steppingstones/shared';

export type ThemePreference = 'auto' | 'light' | 'dark';

export interface MeResponse {
  user: Me;
  csrfToken: string;
}

export interface MeUpdate {
  timezone?: string;
  theme?: ThemePreference;
  current_engagement?: string;
}
