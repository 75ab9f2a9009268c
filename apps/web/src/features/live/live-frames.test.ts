import { describe, expect, it } from 'vitest';
import { concernsEventLog, concernsPresence, parseChange, streamUrl } from './live-frames.ts';

const frame = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 7,
    type: 'event.updated',
    engagement_id: 2,
    ids: [41],
    at: '2026-01-01T00:00:00Z',
    ...over,
  });

describe('live frames', () => {
  it('parses a change frame and ignores malformed ones', () => {
    expect(parseChange(frame())).toEqual({
      id: 7,
      type: 'event.updated',
      engagement_id: 2,
      ids: [41],
      at: '2026-01-01T00:00:00Z',
    });
    // The server sends the outbox payload: the event it names is what a page refetches.
    expect(parseChange(frame({ ids: { eventId: 9, undeleted: true } }))?.ids).toEqual([9]);
    expect(parseChange(frame({ ids: { eventIds: [3, 4] } }))?.ids).toEqual([3, 4]);
    expect(parseChange('not json')).toBeNull();
    expect(parseChange(JSON.stringify({ type: 'event.created' }))).toBeNull();
  });

  it('routes presence changes apart from event changes: a form opening does not refetch the grid', () => {
    const presence = parseChange(frame({ type: 'presence.changed', ids: { eventId: 41 } }))!;
    expect(concernsPresence(presence, 2)).toBe(true);
    expect(concernsPresence(presence, 3)).toBe(false);
    expect(concernsPresence(presence, null)).toBe(true);
    expect(concernsEventLog(presence, 2)).toBe(false);
    expect(concernsPresence(parseChange(frame())!, 2)).toBe(false);
  });

  it('routes event changes of the current engagement only', () => {
    const change = parseChange(frame())!;
    expect(concernsEventLog(change, 2)).toBe(true);
    expect(concernsEventLog(change, 3)).toBe(false);
    // Engagement id not yet known: refetch rather than miss a change.
    expect(concernsEventLog(change, null)).toBe(true);
    expect(concernsEventLog(parseChange(frame({ type: 'webhook.updated' }))!, 2)).toBe(false);
    expect(concernsEventLog(parseChange(frame({ type: 'comment.created' }))!, 2)).toBe(true);
    expect(concernsEventLog(parseChange(frame({ type: 'event.bulk_updated', ids: [1, 2, 3] }))!, 2)).toBe(
      true,
    );
  });

  it('resumes a new leader after the last id the tabs saw', () => {
    expect(streamUrl(null)).toBe('/api/v1/stream/');
    expect(streamUrl(42)).toBe('/api/v1/stream/?last_event_id=42');
  });
});
