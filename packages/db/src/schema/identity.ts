import type { Generated } from 'kysely';

/** Users. `username_key` is the lower-cased username, unique, so names are unique case-insensitively. */
export interface AppUserTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash` (base64url parts): the parameters travel with the hash. */
  password_hash: string;
  is_superuser: number;
  is_active: number;
  timezone: string | null;
  theme: string;
  current_engagement_id: number | null;
  /** Bumped to end every session and token of the user at once (password change, reset, deactivation). */
  auth_epoch: number;
  password_changed_at: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A user's membership of an engagement, with their role there (a slug: `lead`, `operator`, `blue-…`). */
export interface EngagementMemberTable {
  engagement_id: number;
  user_id: number;
  role: Generated<string>;
  created_at: number;
}

/** Server-side sessions; the cookie carries a random id, the table only its SHA-256. */
export interface UserSessionTable {
  id: Generated<number>;
  id_hash: string;
  user_id: number;
  csrf_token: string;
  auth_epoch: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string;
  user_agent: string;
}

/** Refresh JWTs, hashed; a family is one login's chain of rotations (reuse revokes the family). */
export interface RefreshTokenTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  family_id: string;
  auth_epoch: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

/** Personal API tokens (`sst_…`), hashed, scoped to permission codes (JSON array). */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  permissions: string;
  /** JSON array of engagement ids the token is limited to; null = every engagement of its owner. */
  engagements: string | null;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  created_at: number;
}

/** Throttle counters in the database, so limits hold across every instance. */
export interface AuthThrottleTable {
  key: string;
  window_start: number;
  count: number;
}

/** Security events. No foreign keys: records outlive the users and engagements they mention. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_user_id: number | null;
  actor: string;
  /** The engagement the entry is about (its leads see it); null = instance-wide, superusers only. */
  engagement_id: Generated<number | null>;
  action: string;
  target: string;
  ip: string;
  /** JSON object. */
  details: string;
}

/** A user's settings within one engagement (the event grid's last filter), following them between machines. */
export interface UserEngagementPreferenceTable {
  user_id: number;
  engagement_id: number;
  /** The grid's filter as a URL query ('' = unfiltered); null until one is saved. */
  event_filter: string | null;
  updated_at: number;
}

export interface IdentityTables {
  app_user: AppUserTable;
  engagement_member: EngagementMemberTable;
  user_session: UserSessionTable;
  refresh_token: RefreshTokenTable;
  api_token: ApiTokenTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  user_engagement_preference: UserEngagementPreferenceTable;
}
