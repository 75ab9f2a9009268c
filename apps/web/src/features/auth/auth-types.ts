/** The signed-in user as `GET /api/v1/auth/me/` returns it (see the identity HTTP contract). */
export interface Me {
  id: number;
  username: string;
  display_name: string;
  is_superuser: boolean;
  /** Effective permission codes (groups, or every code for a superuser). */
  permissions: string[];
  groups: string[];
  /** IANA zone; null = never chosen, so the UI asks (defaulting to the browser's). */
  timezone: string | null;
  theme: ThemePreference;
  /** The engagement code the user works in. */
  current_engagement: string | null;
  engagements: { code: string; name: string; archived: boolean }[];
}

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
