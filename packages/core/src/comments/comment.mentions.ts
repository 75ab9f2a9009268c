import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';

/**
 * `@name` where name is a username's characters (letters, digits, `@ . + - _`), not inside a word or
 * an e-mail address (`bob@corp.local` mentions nobody). A trailing `.`/`-` ends a sentence, not a name.
 */
const MENTION = /(?<![\w@.+-])@([A-Za-z0-9@.+_-]{1,150})/g;

/** The names written as mentions, lower-cased, in order of first appearance. */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(MENTION)) {
    const name = m[1]!.replace(/[.+-]+$/, '').toLowerCase();
    if (name) names.add(name);
  }
  return [...names];
}

export interface Mentioned {
  id: number;
  username: string;
}

/**
 * The engagement's active members the body mentions (resolved on save: names that are no member stay
 * plain text and notify nobody).
 */
export async function resolveMentions(
  db: Kysely<DB>,
  engagementId: number,
  body: string,
): Promise<Mentioned[]> {
  const names = mentionedNames(body);
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'u.username_key'])
    .where('m.engagement_id', '=', engagementId)
    .where('u.is_active', '=', 1)
    .where('u.username_key', 'in', names.slice(0, 50))
    .execute();
  const byKey = new Map(rows.map((r) => [r.username_key, { id: Number(r.id), username: r.username }]));
  return names.flatMap((n) => (byKey.has(n) ? [byKey.get(n)!] : []));
}
