import type { DB } from '@steppingstones/db';
import type { CredentialDto } from '@steppingstones/shared/credentials';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { canAccessEngagement, type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { type CredentialRow, DTO_COLUMNS, toCredentialDto } from './credential.mapper.ts';

/** The panel shows this many; the count says how many there are. */
const SHOWN = 100;

export interface OriginCredentials {
  count: number;
  /** The first credentials by system and account, secrets masked (the vault reveals them, audited). */
  results: CredentialDto[];
}

/**
 * Checks the caller may see the credentials of a thing in this engagement: a member (else 404, the
 * thing is not theirs to know of) with `credential.view` (else 403: the blue team never sees them).
 */
function checkVault(principal: Principal, engagementId: number | undefined, what: string): number {
  if (engagementId === undefined || !canAccessEngagement(principal, engagementId))
    throw new NotFoundError(what);
  requireEngagementPermission(principal, engagementId, 'credential.view', what);
  return engagementId;
}

async function listWhere(
  db: Kysely<DB>,
  engagementId: number,
  ids: ReturnType<typeof originIds>,
): Promise<OriginCredentials> {
  const base = db
    .selectFrom('credential')
    .where('engagement_id', '=', engagementId)
    .where('id', 'in', ids(db));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .select(DTO_COLUMNS)
      .orderBy('system_key')
      .orderBy('account_key')
      .orderBy('id')
      .limit(SHOWN)
      .execute(),
  ]);
  return {
    count: Number(count?.n ?? 0),
    results: (rows as CredentialRow[]).map((r) => toCredentialDto(r, false)),
  };
}

function originIds(origin: { lineId: number } | { actionId: number }) {
  return (db: Kysely<DB>) =>
    'lineId' in origin
      ? db
          .selectFrom('eventstream_line_credential')
          .select('credential_id as id')
          .where('line_id', '=', origin.lineId)
      : db.selectFrom('credential').select('id').where('c2_action_id', '=', origin.actionId);
}

/** The credentials the extractors found in an EventStream line (red team only). */
export async function listLineCredentials(
  db: Kysely<DB>,
  principal: Principal,
  lineId: number,
): Promise<OriginCredentials> {
  const line = await db
    .selectFrom('eventstream_line')
    .select('engagement_id')
    .where('id', '=', lineId)
    .executeTakeFirst();
  const engagementId = checkVault(principal, line ? Number(line.engagement_id) : undefined, 'The line');
  return listWhere(db, engagementId, originIds({ lineId }));
}

/** The credentials found in a C2 action's output (red team only; the blue team never sees C2 data). */
export async function listActionCredentials(
  db: Kysely<DB>,
  principal: Principal,
  actionId: number,
): Promise<OriginCredentials> {
  const action = await db
    .selectFrom('c2_action as a')
    .innerJoin('c2_session as s', 's.id', 'a.session_id')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select('sv.engagement_id')
    .where('a.id', '=', actionId)
    .executeTakeFirst();
  const engagementId = checkVault(
    principal,
    action ? Number(action.engagement_id) : undefined,
    'The C2 action',
  );
  return listWhere(db, engagementId, originIds({ actionId }));
}
