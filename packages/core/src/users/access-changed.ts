import { appendDomainEvent, type DomainEvent } from '../outbox/index.ts';
import type { ClockedHandle } from '../service-context.ts';

/**
 * Outbox type announcing that some users' access changed: sessions revoked, deactivated, groups or
 * engagements changed. Live streams (in every instance) re-read their caller when it names them, before
 * sending anything written later, so a user removed from an engagement gets no further message about
 * it and a revoked session's stream ends at once. Not a browser message: `user.` is not a live prefix.
 */
export const ACCESS_CHANGED = 'user.access_changed';

/** In the caller's transaction, so the change and its announcement commit together. */
export async function announceAccessChange(ctx: ClockedHandle, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  await appendDomainEvent(ctx, {
    type: ACCESS_CHANGED,
    engagementId: null,
    payload: { userIds: [...new Set(userIds.map(Number))].sort((a, b) => a - b) },
  });
}

export function accessChangedFor(event: Pick<DomainEvent, 'type' | 'payload'>, userId: number): boolean {
  if (event.type !== ACCESS_CHANGED) return false;
  const ids = (event.payload as { userIds?: unknown }).userIds;
  return Array.isArray(ids) && ids.includes(Number(userId));
}
