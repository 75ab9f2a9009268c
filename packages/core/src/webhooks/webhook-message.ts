import type { WebhookType } from '@steppingstones/shared';
import { toIsoUtc } from '@steppingstones/shared';
import { DETECTED_CHOICES, PREVENTED_CHOICES } from '@steppingstones/shared/events';
import type { DomainEvent } from '../outbox/index.ts';

/** Outbox type → webhook type (the original's wording). Outbox types not listed here send nothing. */
export const OUTBOX_TO_WEBHOOK_TYPE: Readonly<Record<string, WebhookType>> = {
  'event.created': 'event created',
  'event.updated': 'event updated',
  'event.deleted': 'event deleted',
  'event.detection_changed': 'detection changed',
  // A bulk edit of more than 100 events (webhook-bulk.ts); smaller ones go out as single edits.
  'events.bulk_updated_summary': 'events bulk updated',
  // A comment on an event (issue 21); the message names who was mentioned.
  'comment.created': 'comment created',
  'beacon.new': 'new beacon',
  'beacon.respawned': 'respawned beacon',
  'beacon.returned': 'returned beacon',
};

export interface WebhookMessage {
  type: WebhookType;
  message: string;
  engagement: string | null;
  engagement_id: number | null;
  domain_event_id: number | null;
  time: string;
  [field: string]: unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const firstLine = (v: string) => {
  const line = v.split(/\r?\n/)[0]!;
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

/** People read the scale's labels (`Alert Raised`), not its codes (`FUL`); unknown values pass as they are. */
const labelOf = (choices: ReadonlyArray<{ code: string; label: string }>, value: string) =>
  choices.find((c) => c.code === value)?.label ?? value;
export const detectedLabel = (code: string) => labelOf(DETECTED_CHOICES, code);
export const preventedLabel = (code: string) => labelOf(PREVENTED_CHOICES, code);

/** The human text, as the original words it for beacons; events get the same style. */
function describe(type: WebhookType, p: Record<string, unknown>, where: string): string {
  const beacon = text(p.beacon) ?? 'user on computer (process)';
  const server = text(p.teamServer) ?? text(p.team_server) ?? 'a team server';
  const ref = p.eventId !== undefined ? `Event ${p.eventId}` : 'An event';
  const summary = text(p.description) ? `: ${firstLine(text(p.description)!)}` : '';
  switch (type) {
    case 'new beacon':
      return `New beacon for ${beacon} received on ${server}`;
    case 'respawned beacon':
      return `Respawned beacon for ${beacon} received on ${server}`;
    case 'returned beacon':
      return `Beacon returned: ${beacon} on ${server}`;
    case 'event created':
      return `${ref} created in ${where}${summary}`;
    case 'event updated':
      return `${ref} updated in ${where}${summary}`;
    case 'event deleted':
      return `${ref} deleted from ${where}${summary}`;
    case 'events bulk updated':
      return `${Number(p.count)} events updated at once in ${where}`;
    case 'comment created':
      return commentText(p, ref, where);
    case 'detection changed': {
      const from = text(p.from);
      const to = text(p.to);
      if (from && to)
        return `Detection of ${ref.toLowerCase()} in ${where} changed from ${detectedLabel(from)} to ${detectedLabel(to)}`;
      const now = [
        text(p.detected) && `detected: ${detectedLabel(String(p.detected))}`,
        text(p.prevented) && `prevented: ${preventedLabel(String(p.prevented))}`,
      ]
        .filter(Boolean)
        .join(', ');
      return `Detection of ${ref.toLowerCase()} in ${where} changed${now ? `: ${now}` : ''}`;
    }
  }
}

/**
 * `alice (blue team) commented on event 12 in ACME, mentioning @bob: we saw this at 10:42`. A red team
 * only comment's text never leaves the app (the receiving channel may be read by the client).
 */
function commentText(p: Record<string, unknown>, ref: string, where: string): string {
  const who = text(p.actor) ?? 'Someone';
  const side = p.side === 'blue' ? ' (blue team)' : p.side === 'red' ? ' (red team)' : '';
  const mentions = Array.isArray(p.mentions) ? p.mentions.filter((m) => typeof m === 'string') : [];
  const naming = mentions.length ? `, mentioning ${mentions.map((m) => `@${m}`).join(', ')}` : '';
  const said =
    p.redTeamOnly === true ? ' (red team only)' : text(p.comment) ? `: ${firstLine(text(p.comment)!)}` : '';
  return `${who}${side} commented on ${ref.toLowerCase()} in ${where}${naming}${said}`;
}

/** snake_case copies of the payload's ids (`eventId` → `event_id`), so receivers can refetch. */
function idFields(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!/Id$/.test(key) || (typeof value !== 'number' && typeof value !== 'string')) continue;
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return out;
}

/** The JSON body for one outbox event, or null when no webhook type matches it. */
export function buildWebhookMessage(
  event: DomainEvent,
  engagementCode: string | null,
  /** The engagement's name, which the text uses; the code stays in `engagement`. */
  engagementName: string | null = engagementCode,
): WebhookMessage | null {
  const type = OUTBOX_TO_WEBHOOK_TYPE[event.type];
  if (!type) return null;
  const p = event.payload;
  const message = text(p.message) ?? describe(type, p, engagementName ?? engagementCode ?? 'no engagement');
  return {
    type,
    message,
    ...idFields(p),
    ...(text(p.actor) ? { actor: text(p.actor) } : {}),
    ...(type === 'events bulk updated' ? { count: Number(p.count), filter: p.filter ?? {} } : {}),
    ...(type === 'comment created'
      ? {
          side: p.side ?? null,
          red_team_only: p.redTeamOnly === true,
          mentions: Array.isArray(p.mentions) ? p.mentions : [],
        }
      : {}),
    engagement: engagementCode,
    ...(engagementName && engagementName !== engagementCode ? { engagement_name: engagementName } : {}),
    engagement_id: event.engagementId,
    domain_event_id: event.id,
    time: toIsoUtc(event.createdAt),
  };
}

/** The *Test* button's payload: the original's dummy beacon message. */
export function testWebhookMessage(now: number): WebhookMessage {
  return {
    type: 'new beacon',
    message: 'New beacon for user on computer (process.exe) received on Dummy Team Server',
    engagement: null,
    engagement_id: null,
    domain_event_id: null,
    time: toIsoUtc(now),
    test: true,
  };
}
