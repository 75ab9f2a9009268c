import { seesRedTeamOnly } from '../comments/comment.policy.ts';
import { hasEngagementPermission, type PermissionCode, type Principal } from '../permissions/index.ts';
import type { LiveMessage } from './live-message.ts';

/**
 * The permission a message's type asks for in its engagement. Credentials and C2 data have their own
 * codes, which the client's blue-team roles never hold; everything else follows the event log.
 */
const TYPE_PERMISSIONS: ReadonlyArray<readonly [prefix: string, code: PermissionCode]> = [
  ['credential.', 'credential.view'],
  ['c2.', 'c2.view'],
  ['eventstream.', 'eventstream.view'],
];

/** Id fields naming credential or C2 records, which ride along on other messages (e.g. an event's). */
const MASKED_IDS: ReadonlyArray<readonly [pattern: RegExp, code: PermissionCode]> = [
  [/^credential/i, 'credential.view'],
  [/^c2/i, 'c2.view'],
];

function permissionFor(type: string): PermissionCode {
  return TYPE_PERMISSIONS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'event.view';
}

/**
 * The message as this principal may see it, or undefined when it is not theirs to see: an engagement's
 * messages reach those holding the type's permission there (their role in that engagement, not another),
 * with the ids of credential and C2 records removed for those who may not read them. Messages of no
 * engagement (plugin changes) reach everyone.
 */
export function messageFor(principal: Principal, message: LiveMessage): LiveMessage | undefined {
  const engagementId = message.engagement_id;
  if (engagementId === null) return message;
  if (!hasEngagementPermission(principal, engagementId, permissionFor(message.type))) return undefined;
  // A red-team-only comment (its message says so) never reaches the blue team, not even as an id.
  if (message.ids.redTeamOnly === true && !seesRedTeamOnly(principal, engagementId)) return undefined;
  const hidden = Object.keys(message.ids).filter((key) =>
    MASKED_IDS.some(
      ([pattern, code]) => pattern.test(key) && !hasEngagementPermission(principal, engagementId, code),
    ),
  );
  if (hidden.length === 0) return message;
  const ids = Object.fromEntries(Object.entries(message.ids).filter(([key]) => !hidden.includes(key)));
  return { ...message, ids };
}
