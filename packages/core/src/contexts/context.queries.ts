import { containsText, type DB } from '@steppingstones/db';
import type { ContextDto } from '@steppingstones/shared/events';
import { type Kysely, sql } from 'kysely';
import { NotFoundError, ValidationError } from '../errors.ts';
import { chooseEngagement } from '../events/engagement-choice.ts';
import { canSeeCredentials, redactorFor } from '../events/event.redaction.ts';
import { shownSearch } from '../events/shown-search.ts';
import { filteredOffsetPage, offsetPage, type Page } from '../paging/index.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';
import { toContextDto } from './context.mapper.ts';

export interface ContextListOptions {
  engagement?: string;
  /** Substring of host, user or process (case-insensitive). */
  search?: string;
  cursor?: string;
  page_size: number;
}

/** Contexts of an engagement for the picker: most recently used first, never-used last. */
export async function listContexts(
  db: Kysely<DB>,
  principal: Principal,
  options: ContextListOptions,
): Promise<Page<ContextDto>> {
  requirePermission(principal, 'context.view');
  const engagement = await chooseEngagement(db, principal, options.engagement);
  requireEngagementPermission(principal, engagement.id, 'context.view', 'The engagement');
  const q = db
    .selectFrom('context')
    .select(['id', 'host', 'user', 'process', 'red_team_infrastructure'])
    .where('engagement_id', '=', engagement.id)
    .orderBy(sql`last_used_at desc nulls last`)
    .orderBy('id', 'desc');
  const term = options.search?.trim();
  const inEngagement = principalInEngagement(principal, engagement.id);
  const redact = redactorFor(inEngagement);
  const map = (r: {
    id: number;
    host: string;
    user: string;
    process: string;
    red_team_infrastructure: number;
  }) => toContextDto(r, redact);
  if (!term) return offsetPage(db, q, options, map);
  const inSql = q.where((eb) => eb.or(['host', 'user', 'process'].map((col) => containsText(col, term))));
  if (canSeeCredentials(inEngagement)) return offsetPage(db, inSql, options, map);
  // Masked readers match what they see only: a hit inside a hidden span would tell what it holds.
  const shown = shownSearch(term, redact);
  return filteredOffsetPage(
    shown.narrowInSql ? inSql : q,
    options,
    (r) => shown.matches(r.host, r.user, r.process),
    map,
  );
}

export async function getContext(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
): Promise<ContextDto & { event_count: number }> {
  requirePermission(principal, 'context.view');
  const row = await db
    .selectFrom('context')
    .select(['id', 'engagement_id', 'host', 'user', 'process', 'red_team_infrastructure'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The context');
  requireEngagementPermission(principal, Number(row.engagement_id), 'context.view', 'The context');
  const redact = redactorFor(principalInEngagement(principal, Number(row.engagement_id)));
  return { ...toContextDto(row, redact), event_count: await countEventsUsingContext(db, id) };
}

/** Events (not deleted) using a context as source or target. */
export async function countEventsUsingContext(db: Kysely<DB>, id: number): Promise<number> {
  const row = await db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('source_context_id', '=', id), eb('target_context_id', '=', id)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Distinct values of one part (host, user or process) for the free-entry autocomplete. */
export async function contextValues(
  db: Kysely<DB>,
  principal: Principal,
  options: { engagement?: string; field: string; search?: string; cursor?: string; page_size: number },
): Promise<Page<string>> {
  requirePermission(principal, 'context.view');
  if (!['host', 'user', 'process'].includes(options.field))
    throw ValidationError.field('field', 'must be host, user or process');
  const field = options.field as 'host' | 'user' | 'process';
  const engagement = await chooseEngagement(db, principal, options.engagement);
  requireEngagementPermission(principal, engagement.id, 'context.view', 'The engagement');
  const q = db
    .selectFrom('context')
    .select(field)
    .distinct()
    .where('engagement_id', '=', engagement.id)
    .where(field, '!=', '')
    .orderBy(field);
  const term = options.search?.trim();
  const inEngagement = principalInEngagement(principal, engagement.id);
  const redact = redactorFor(inEngagement);
  if (!term) return offsetPage(db, q, options, (r) => redact(r[field]));
  if (canSeeCredentials(inEngagement))
    return offsetPage(db, q.where(containsText(field, term)), options, (r) => redact(r[field]));
  // Masked readers match what they see only (see listContexts).
  const shown = shownSearch(term, redact);
  return filteredOffsetPage(
    shown.narrowInSql ? q.where(containsText(field, term)) : q,
    options,
    (r) => shown.matches(r[field]),
    (r) => redact(r[field]),
  );
}
