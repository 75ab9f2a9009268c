import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';

export interface ChosenEngagement {
  id: number;
  code: string;
  archived: boolean;
}

const select = (db: Kysely<DB>) => db.selectFrom('engagement').select(['id', 'code', 'archived']);
const toChosen = (r: { id: number; code: string; archived: number }): ChosenEngagement => ({
  id: Number(r.id),
  code: r.code,
  archived: Boolean(r.archived),
});

/**
 * The engagement a request names by code. An engagement the caller does not belong to answers like an
 * unknown one, so codes of other clients' engagements are not disclosed.
 */
export async function engagementByCode(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
  field = 'engagement',
): Promise<ChosenEngagement> {
  const row = await select(db).where('code', '=', code).executeTakeFirst();
  if (!row || !canAccessEngagement(principal, Number(row.id)))
    throw ValidationError.field(field, `No engagement with the code "${code}" that you are a member of.`);
  return toChosen(row);
}

/**
 * The engagement to use when a request names none: the caller's current engagement, else their only
 * non-archived one (for a superuser every engagement counts), else a 400 naming the field.
 */
export async function defaultEngagement(
  db: Kysely<DB>,
  principal: Principal,
  field = 'engagement',
): Promise<ChosenEngagement> {
  if (principal.userId > 0) {
    const current = await db
      .selectFrom('app_user')
      .innerJoin('engagement', 'engagement.id', 'app_user.current_engagement_id')
      .select(['engagement.id', 'engagement.code', 'engagement.archived'])
      .where('app_user.id', '=', principal.userId)
      .executeTakeFirst();
    if (current && canAccessEngagement(principal, Number(current.id))) return toChosen(current);
  }
  let open = select(db).where('archived', '=', 0).limit(2);
  if (principal.engagementIds !== 'all') {
    if (principal.engagementIds.length === 0)
      throw ValidationError.field(field, 'You are not a member of any engagement.');
    open = open.where('id', 'in', principal.engagementIds);
  }
  const rows = await open.execute();
  if (rows.length === 1 && rows[0]) return toChosen(rows[0]);
  throw ValidationError.field(
    field,
    rows.length === 0
      ? 'You are not a member of any engagement that is open (not archived).'
      : 'Say which engagement (its code): you are a member of several and have no current engagement.',
  );
}

/** `code` if given, else the default engagement. */
export function chooseEngagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
  field = 'engagement',
): Promise<ChosenEngagement> {
  return code ? engagementByCode(db, principal, code, field) : defaultEngagement(db, principal, field);
}
