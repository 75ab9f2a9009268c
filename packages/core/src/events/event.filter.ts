import { type DialectName, eventSearchCondition } from '@steppingstones/db';
import { type EventFilter, parseIsoTimestamp } from '@steppingstones/shared/events';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { canSeeCredentials } from './event.redaction.ts';

/**
 * The grid's filter as SQL conditions on `event` (shared by the list and, later, exports and bulk
 * edits, so they always act on exactly the rows the user sees). Deleted events never match.
 * `engagementIds` is the scope already checked against the principal ('all' = no restriction).
 */
export function eventFilterConditions(
  dialect: DialectName,
  principal: Principal,
  filter: EventFilter,
  engagementIds: number[] | 'all',
): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [sql<SqlBool>`event.deleted_at is null`];
  if (engagementIds !== 'all') {
    c.push(
      engagementIds.length === 1
        ? sql<SqlBool>`event.engagement_id = ${engagementIds[0]}`
        : engagementIds.length === 0
          ? sql<SqlBool>`1 = 0`
          : sql<SqlBool>`event.engagement_id in (${sql.join(engagementIds)})`,
    );
  }
  if (filter.search) {
    const match = eventSearchCondition(dialect, filter.search, canSeeCredentials(principal));
    if (match) c.push(match);
  }
  if (filter.tag?.length) {
    const names = filter.tag.map((t) => t.toLowerCase());
    c.push(sql<SqlBool>`exists (select 1 from event_tag et join tag t on t.id = et.tag_id
      where et.event_id = event.id and t.name_lower in (${sql.join(names)}))`);
  }
  if (filter.untagged)
    c.push(sql<SqlBool>`not exists (select 1 from event_tag et where et.event_id = event.id)`);
  if (filter.tactic) c.push(sql<SqlBool>`event.tactic_id = ${filter.tactic}`);
  if (filter.technique) {
    c.push(
      filter.technique.includes('.')
        ? sql<SqlBool>`event.subtechnique_id = ${filter.technique}`
        : sql<SqlBool>`event.technique_id = ${filter.technique}`,
    );
  }
  if (filter.detected?.length) c.push(sql<SqlBool>`event.detected in (${sql.join(filter.detected)})`);
  if (filter.prevented?.length) c.push(sql<SqlBool>`event.prevented in (${sql.join(filter.prevented)})`);
  if (filter.operator) {
    c.push(sql<SqlBool>`event.operator_user_id in
      (select u.id from app_user u where u.username_key = ${filter.operator.toLowerCase()})`);
  }
  // A literal, so SQLite can use the partial index `... where starred = 1`.
  if (filter.starred !== undefined) c.push(sql<SqlBool>`event.starred = ${sql.lit(filter.starred ? 1 : 0)}`);
  // Blue comments are never red team only, so the filter means the same to both sides. Read from the
  // (engagement, side, event) index: the engagement's blue comments, not a probe per event.
  if (filter.blue_comments !== undefined) {
    const within =
      engagementIds === 'all' || engagementIds.length === 0
        ? sql``
        : sql`bc.engagement_id in (${sql.join(engagementIds)}) and `;
    c.push(sql<SqlBool>`event.id ${sql.raw(filter.blue_comments ? 'in' : 'not in')} (select bc.event_id
      from event_comment bc where ${within}bc.side = 'blue' and bc.deleted_at is null)`);
  }
  const from = filter.from ? parseIsoTimestamp(filter.from) : null;
  const to = filter.to ? parseIsoTimestamp(filter.to) : null;
  if (from !== null) c.push(sql<SqlBool>`event.start_at >= ${from}`);
  if (to !== null) c.push(sql<SqlBool>`event.start_at <= ${to}`);
  return c;
}
