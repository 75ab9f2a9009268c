import { type DB, dialectOf } from '@steppingstones/db';
import { capCount } from '@steppingstones/shared';
import type {
  CredentialDetailDto,
  CredentialDto,
  CredentialListQuery,
  CredentialSystemsDto,
} from '@steppingstones/shared/credentials';
import { expressionBuilder, type Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { NotFoundError } from '../errors.ts';
import { decodeCursorWithDirection } from '../events/event.cursor.ts';
import { countUpToCap, keysetLinks, walkKeyset } from '../paging/keyset.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { credentialConditions } from './credential.filter.ts';
import { type CredentialRow, DTO_COLUMNS, toCredentialDto } from './credential.mapper.ts';
import { credentialSortKeys } from './credential.page.ts';
import { credentialEngagementId, vaultEngagement } from './credential-engagement.ts';
import { refreshCredentialSearch } from './credential-search-index.ts';

export interface CredentialPage {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: CredentialDto[];
}

async function rowsByIds(db: Kysely<DB>, ids: number[]): Promise<CredentialRow[]> {
  if (!ids.length) return [];
  const rows = (await db
    .selectFrom('credential')
    .select(DTO_COLUMNS)
    .where('id', 'in', ids)
    .execute()) as CredentialRow[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The vault list: current credentials of one engagement, filtered, keyset-paged like the event list.
 * With `reveal` the secrets are shown, and the reveal is audited with the number shown.
 */
export async function listCredentials(
  ctx: ServiceContext,
  principal: Principal,
  query: CredentialListQuery,
  actor?: AuditActor,
): Promise<CredentialPage> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, query.engagement, 'credential.view');
  const keys = credentialSortKeys(query.sort);
  const cursor = query.cursor ? decodeCursorWithDirection(query.cursor, keys.exprs.length) : null;
  const backwards = cursor?.direction === 'prev';
  const walkDesc = keys.desc !== backwards;
  // A search first re-indexes a batch of rows changed since they were indexed (SQLite only).
  if (query.search) await refreshCredentialSearch(db);
  const where = credentialConditions(
    expressionBuilder<DB, 'credential'>(),
    engagement.id,
    query,
    dialectOf(db),
  );
  const rows = await walkKeyset(
    db,
    'credential',
    where,
    keys,
    walkDesc,
    cursor?.key ?? null,
    query.page_size + 1,
  );
  const n = await countUpToCap(
    db,
    db
      .selectFrom('credential')
      .select('credential.id')
      .where((eb) => eb.and(where)),
  );
  const { page, next, previous } = keysetLinks(rows, query.page_size, cursor, (r) => r.key);
  const reveal = query.reveal === true;
  const loaded = await rowsByIds(
    db,
    page.map((r) => r.id),
  );
  const results = loaded.map((r) => toCredentialDto(r, reveal));
  if (reveal) {
    const shown = results.filter((r) => r.has_secret).length;
    await recordAudit(ctx, actor ?? { userId: principal.userId, username: principal.username }, {
      action: 'credential.revealed',
      target: engagement.code,
      details: { count: shown, ids: results.filter((r) => r.has_secret).map((r) => r.id) },
    });
  }
  return {
    count: capCount(n),
    results,
    next,
    previous,
  };
}

/** One credential with its history (older hashes of the same account and type, latest first). */
export async function getCredential(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  options: { reveal?: boolean; actor?: AuditActor } = {},
): Promise<CredentialDetailDto> {
  const { db } = ctx;
  await credentialEngagementId(db, principal, id, 'credential.view');
  const row = await db
    .selectFrom('credential')
    .select([...DTO_COLUMNS, 'system_key', 'account_key', 'type_key'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The credential');
  const history = await db
    .selectFrom('credential')
    .select(['id', 'position', 'hash', 'hash_type', 'secret'])
    .where('engagement_id', '=', row.engagement_id)
    .where('system_key', '=', row.system_key)
    .where('account_key', '=', row.account_key)
    .where('type_key', '=', row.type_key)
    .where('position', 'is not', null)
    .where('id', '<>', id)
    .orderBy('position')
    .orderBy('id', 'desc')
    .execute();
  const reveal = options.reveal === true;
  if (reveal) {
    const count = (row.secret !== null ? 1 : 0) + history.filter((h) => h.secret !== null).length;
    const engagement = await db
      .selectFrom('engagement')
      .select('code')
      .where('id', '=', row.engagement_id)
      .executeTakeFirst();
    await recordAudit(ctx, options.actor ?? { userId: principal.userId, username: principal.username }, {
      action: 'credential.revealed',
      target: engagement?.code ?? '',
      details: { count, ids: [id] },
    });
  }
  return {
    ...toCredentialDto(row as CredentialRow, reveal),
    history: history.map((h) => ({
      position: Number(h.position),
      hash: h.hash,
      hash_type: h.hash_type === null ? null : Number(h.hash_type),
      has_secret: h.secret !== null,
      secret: reveal ? h.secret : null,
    })),
  };
}

/** The system picker: each system (as first written) with its number of current credentials. */
export async function credentialSystems(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
): Promise<CredentialSystemsDto> {
  const engagement = await vaultEngagement(db, principal, code, 'credential.view');
  const rows = await db
    .selectFrom('credential')
    .select((eb) => ['system_key', eb.fn.min('system').as('system'), eb.fn.countAll<number>().as('n')])
    .where('engagement_id', '=', engagement.id)
    .where('position', 'is', null)
    .groupBy('system_key')
    .execute();
  const results = rows
    .map((r) => ({ system: String(r.system ?? ''), count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.system.localeCompare(b.system));
  return { total: results.reduce((s, r) => s + r.count, 0), results };
}
