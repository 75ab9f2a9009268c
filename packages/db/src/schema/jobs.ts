import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * A queued run of a task. A task is referenced by name (`<pluginId>:<key>`, or `core:<key>` for the
 * app's own tasks) so any worker process can run it; the row holds only the name and a JSON payload.
 */
export interface JobTable {
  id: Generated<number>;
  task: string;
  /** The engagement the job concerns; null = instance work, seen only by superusers. */
  engagement_id: number | null;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  /** When the job may run next (epoch ms). */
  run_at: number;
  /** Runs started so far (a claim counts, so a run lost with its worker counts too). */
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** The worker holding the job while it runs; its lease ends at `lease_expires_at`. */
  lease_owner: string | null;
  lease_expires_at: number | null;
  /** 0 = run once. Repeats are anchored: next run = anchor_at + k * repeat_seconds. */
  repeat_seconds: number;
  anchor_at: number;
  created_at: number;
  updated_at: number;
  /** The end of the last run (for a repeating job, of the latest one). */
  finished_at: number | null;
}

/** An outgoing webhook: where to POST which domain event types. */
export interface WebhookTable {
  id: Generated<number>;
  url: string;
  /** The engagement whose messages it receives; null = an instance webhook (every engagement's). */
  engagement_id: number | null;
  /** HMAC key for X-SteppingStones-Signature; never returned by the API. Empty = unsigned. */
  secret: string;
  /** JSON array of webhook types (`event created`, `new beacon`, ...). */
  types: string;
  enabled: number;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** One delivery attempt of one webhook message (the per-webhook delivery log). */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  /** The X-SteppingStones-Delivery id: the same for every attempt of one message. */
  delivery_id: string;
  domain_event_id: number | null;
  type: string;
  /** HTTP status, null when no response came (refused, timeout, network error). */
  status_code: number | null;
  latency_ms: number | null;
  attempt: number;
  error: string | null;
  /** The human text of the message sent (null for rows logged before it was kept). */
  message: string | null;
  /** The event the message is about, if any. */
  event_id: number | null;
  created_at: number;
}

export interface JobsTables {
  job: JobTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
}
