import { type DB, escapeLike } from '@steppingstones/db';
import type { TagDto } from '@steppingstones/shared/events';
import { type Kysely, sql } from 'kysely';
import { chooseEngagement } from '../events/engagement-choice.ts';
import { canSeeCredentials, redactorFor } from '../events/event.redaction.ts';
import { shownSearch } from '../events/shown-search.ts';
import { collectKept } from '../paging/index.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';

/** Tags of an engagement whose name starts with `search` (case-insensitive), sorted by name. */
export async function listTags(
  db: Kysely<DB>,
  principal: Principal,
  options: { engagement?: string; search?: string; limit?: number },
): Promise<TagDto[]> {
  requirePermission(principal, 'tag.view');
  const engagement = await chooseEngagement(db, principal, options.engagement);
  requireEngagementPermission(principal, engagement.id, 'tag.view', 'The engagement');
  const q = db
    .selectFrom('tag')
    .select(['id', 'name'])
    .where('engagement_id', '=', engagement.id)
    .orderBy('name_lower')
    .orderBy('id');
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const term = options.search?.trim();
  // Tag names pass through the same masking as evidence (a tag can hold a password).
  const inEngagement = principalInEngagement(principal, engagement.id);
  const redact = redactorFor(inEngagement);
  const prefix = `${escapeLike((term ?? '').toLowerCase())}%`;
  const byPrefix = () => q.where(sql<boolean>`name_lower like ${prefix} escape '\\'`);
  let rows: Array<{ id: number; name: string }>;
  if (!term) rows = await q.limit(limit).execute();
  else if (canSeeCredentials(inEngagement)) rows = await byPrefix().limit(limit).execute();
  else {
    // Masked readers match the name as they see it: a prefix inside a hidden span would tell what it holds.
    const shown = shownSearch(term, redact);
    rows = await collectKept(shown.narrowInSql ? byPrefix() : q, (r) => shown.startsWith(r.name), limit);
  }
  return rows.map((r) => ({ id: Number(r.id), name: redact(r.name) }));
}

/** Tag names per event, for a page of events. */
export async function tagsOfEvents(db: Kysely<DB>, eventIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('event_tag')
    .innerJoin('tag', 'tag.id', 'event_tag.tag_id')
    .select(['event_tag.event_id', 'tag.name'])
    .where('event_tag.event_id', 'in', eventIds)
    .orderBy('tag.name_lower')
    .execute();
  for (const r of rows) {
    const id = Number(r.event_id);
    out.set(id, [...(out.get(id) ?? []), r.name]);
  }
  return out;
}
