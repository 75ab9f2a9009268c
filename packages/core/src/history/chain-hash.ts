import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export interface ChainedContent {
  engagement_id: number;
  seq: number;
  event_id: number;
  action: string;
  snapshot: string;
  diff: string;
  actor_user_id: number | null;
  created_at: number;
  prev_hash: string;
}

/** The HMAC-SHA256 (hex) that links a revision to its predecessor. */
export function revisionHash(key: Buffer, content: ChainedContent): string {
  const message = canonicalJson({
    engagement_id: Number(content.engagement_id),
    seq: Number(content.seq),
    event_id: Number(content.event_id),
    action: content.action,
    snapshot: content.snapshot,
    diff: content.diff,
    actor_user_id: content.actor_user_id === null ? null : Number(content.actor_user_id),
    created_at: Number(content.created_at),
    prev_hash: content.prev_hash,
  });
  return crypto.createHmac('sha256', key).update(message).digest('hex');
}

/** The first revision of a chain links to this. */
export const GENESIS_HASH = '0'.repeat(64);
