import type { DomainEvent } from '../outbox/index.ts';

/** Up to this many events, a bulk edit sends the messages single edits send, one per event. */
export const BULK_MESSAGES_PER_EVENT_MAX = 100;

/**
 * A bulk edit's one outbox row, as webhook messages: like single edits (`event updated` for a content
 * change, `detection changed` for a detection change, per event) up to 100 events; above that, one
 * `events bulk updated` message with the count and the filter, so a channel is not flooded.
 * Every other outbox row passes through as it is.
 */
export function expandBulkEdit(event: DomainEvent): DomainEvent[] {
  if (event.type !== 'event.bulk_updated') return [event];
  const p = event.payload;
  const ids = Array.isArray(p.eventIds) ? (p.eventIds as unknown[]).map(Number) : [];
  const count = Number(p.count ?? ids.length);
  if (count > BULK_MESSAGES_PER_EVENT_MAX || p.truncated === true || ids.length !== count)
    return [{ ...event, type: 'events.bulk_updated_summary' }];
  // As a single edit: every content or detection change is an update, a detection change also says so;
  // stars alone are markers and send nothing.
  const detection = p.detection === true;
  const types = p.content === true || detection ? ['event.updated'] : [];
  if (detection) types.push('event.detection_changed');
  return ids.flatMap((eventId) => types.map((type) => ({ ...event, type, payload: { eventId } })));
}
