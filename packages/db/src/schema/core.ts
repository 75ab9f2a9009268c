import type { Generated } from 'kysely';

/**
 * Conventions for every table (both dialects read and write the same values):
 * - ids are auto-increment integers;
 * - times are epoch milliseconds UTC in BIGINT columns named `*_at` (dates without time are `YYYY-MM-DD` text);
 * - booleans are 0 / 1 integers;
 * - JSON is stored as text.
 */
export interface EngagementTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
  archived: Generated<number>;
  /** 1 when a lead allows breached-password checks of the engagement's NTLM hashes. */
  breach_checks: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** The transactional outbox: every domain change appends one row in the same transaction. */
export interface DomainEventTable {
  id: Generated<number>;
  type: string;
  engagement_id: number | null;
  /** JSON: ids and small facts only; consumers refetch through permission-checked APIs. */
  payload: string;
  actor_user_id: number | null;
  created_at: number;
}

/** Named locks and small shared state (schedulers, setup guards) that must be agreed across processes. */
export interface AppStateTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface CoreTables {
  engagement: EngagementTable;
  domain_event: DomainEventTable;
  app_state: AppStateTable;
}
