import crypto from 'node:crypto';
import type { ApiTokenTable } from '@steppingstones/db';
import { type DB, type Tx, writeTransaction } from '@steppingstones/db';
import { type ApiTokenDto, apiTokenCreateSchema, toIsoUtc } from '@steppingstones/shared';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { sha256Hex } from '../auth/hash.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import {
  canAccessEngagement,
  hasPermission,
  isPermissionCode,
  type Principal,
} from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import type { TokenScope, UserRow } from '../users/principal.queries.ts';
import { parseOrThrow } from '../zod-errors.ts';

export const PERSONAL_TOKEN_PREFIX = 'sst_';

const parseIds = (text: string | null): number[] | null =>
  text === null ? null : (JSON.parse(text) as unknown[]).map(Number);

function toDto(row: Selectable<ApiTokenTable>, codes: ReadonlyMap<number, string>): ApiTokenDto {
  const iso = (v: number | null) => (v === null ? null : toIsoUtc(Number(v)));
  const ids = parseIds(row.engagements);
  return {
    id: Number(row.id),
    name: row.name,
    prefix: row.prefix,
    permissions: JSON.parse(row.permissions) as string[],
    // A purged engagement drops out of the list (its id could not be used again anyway).
    engagements: ids === null ? null : ids.flatMap((id) => (codes.has(id) ? [codes.get(id) as string] : [])),
    expires_at: iso(row.expires_at),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    created_at: toIsoUtc(Number(row.created_at)),
  };
}

async function engagementCodes(db: Kysely<DB> | Tx): Promise<Map<number, string>> {
  const rows = await db.selectFrom('engagement').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

export async function listApiTokens(db: Kysely<DB>, userId: number): Promise<ApiTokenDto[]> {
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  const codes = await engagementCodes(db);
  return rows.map((r) => toDto(r, codes));
}

/** The ids of the engagements a token is limited to; one the caller cannot see is reported as unknown. */
async function tokenEngagementIds(
  db: Kysely<DB>,
  principal: Principal,
  codes: readonly string[] | undefined,
): Promise<number[] | null> {
  if (!codes) return null;
  const rows = await db
    .selectFrom('engagement')
    .select(['id', 'code'])
    .where('code', 'in', [...codes])
    .execute();
  const unknown = codes.filter((c) => {
    const row = rows.find((r) => r.code === c);
    return !row || !canAccessEngagement(principal, Number(row.id));
  });
  if (unknown.length) throw ValidationError.field('engagements', `No such engagement: ${unknown.join(', ')}`);
  return [...new Set(rows.map((r) => Number(r.id)))].sort((a, b) => a - b);
}

/** Creates a personal token scoped to codes the caller holds; the secret is returned once, stored hashed. */
export async function createApiToken(
  ctx: ServiceContext,
  principal: Principal,
  input: z.input<typeof apiTokenCreateSchema>,
  actor: AuditActor,
): Promise<ApiTokenDto & { token: string }> {
  const data = parseOrThrow(apiTokenCreateSchema, input);
  const unknown = data.permissions.filter((c) => !isPermissionCode(c));
  if (unknown.length)
    throw ValidationError.field('permissions', `Unknown permission code: ${unknown.join(', ')}`);
  const notHeld = data.permissions.filter((c) => isPermissionCode(c) && !hasPermission(principal, c));
  if (notHeld.length)
    throw ValidationError.field(
      'permissions',
      `You do not hold: ${notHeld.join(', ')}; a token cannot exceed you.`,
    );
  const { db, clock } = ctx;
  const engagementIds = await tokenEngagementIds(db, principal, data.engagements);
  const expiresAt = data.expires_at ? Date.parse(data.expires_at) : null;
  if (expiresAt !== null && expiresAt <= clock.now())
    throw ValidationError.field('expires_at', 'must be in the future');
  const token = `${PERSONAL_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  return writeTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('api_token')
      .values({
        user_id: principal.userId,
        name: data.name,
        token_hash: sha256Hex(token),
        prefix: token.slice(0, 10),
        permissions: JSON.stringify([...new Set(data.permissions)].sort()),
        engagements: engagementIds === null ? null : JSON.stringify(engagementIds),
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
        created_at: clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'token.created',
      target: data.name,
      details: {
        id: Number(row.id),
        permissions: JSON.parse(row.permissions),
        engagements: data.engagements ?? null,
      },
    });
    return { ...toDto(row, await engagementCodes(tx)), token };
  });
}

export async function revokeApiToken(
  ctx: ServiceContext,
  userId: number,
  id: number,
  actor: AuditActor,
): Promise<void> {
  const { db, clock } = ctx;
  await writeTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('The token');
    if (row.revoked_at === null)
      await tx.updateTable('api_token').set({ revoked_at: clock.now() }).where('id', '=', id).execute();
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'token.revoked',
      target: row.name,
      details: { id },
    });
  });
}

/** The owner and scope of a live personal token, recording its use; null for anything else. */
export async function resolveApiToken(
  ctx: ServiceContext,
  token: string,
): Promise<{ user: UserRow; scope: TokenScope } | null> {
  const { db, clock } = ctx;
  const row = await db
    .selectFrom('api_token')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  const now = clock.now();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && Number(row.expires_at) <= now))
    return null;
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', row.user_id)
    .where('is_active', '=', 1)
    .executeTakeFirst();
  if (!user) return null;
  if (row.last_used_at === null || now - Number(row.last_used_at) > 60_000)
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return {
    user,
    scope: { permissions: JSON.parse(row.permissions) as string[], engagementIds: parseIds(row.engagements) },
  };
}
