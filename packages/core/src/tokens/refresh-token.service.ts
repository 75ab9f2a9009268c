import crypto from 'node:crypto';
import { writeTransaction } from '@steppingstones/db';
import { recordAudit } from '../audit/index.ts';
import { sha256Hex } from '../auth/hash.ts';
import { REFRESH_TTL_SECONDS, signAccessToken, signRefreshToken, verifyRefreshToken } from '../auth/jwt.ts';
import { UnauthenticatedError } from '../errors.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import type { UserRow } from '../users/principal.queries.ts';

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Issues an access token and a refresh token; the refresh token is stored hashed in its family. */
export async function issueTokenPair(
  ctx: ServiceContext,
  user: UserRow,
  family: string = crypto.randomUUID(),
): Promise<TokenPair> {
  const { keys } = ctx;
  const claims = { userId: Number(user.id), epoch: Number(user.auth_epoch) };
  const refresh = await signRefreshToken(keys, { ...claims, jti: crypto.randomUUID(), family });
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('refresh_token')
    .values({
      token_hash: sha256Hex(refresh),
      user_id: user.id,
      family_id: family,
      auth_epoch: claims.epoch,
      created_at: now,
      expires_at: now + REFRESH_TTL_SECONDS * 1000,
      used_at: null,
      revoked_at: null,
    })
    .execute();
  return { access: await signAccessToken(keys, claims), refresh };
}

const invalid = () =>
  new UnauthenticatedError('The refresh token is invalid, expired or revoked. Sign in again.');

/**
 * Exchanges a refresh token for a new pair (rotation). A refresh token is good once: presenting a used
 * one means it was copied, so the whole family (every token descended from that login) is revoked.
 */
export async function rotateRefreshToken(ctx: ServiceContext, token: string, ip: string): Promise<TokenPair> {
  const claims = await verifyRefreshToken(ctx.keys, token);
  if (!claims) throw invalid();
  const outcome = await writeTransaction(ctx.db, async (tx) => {
    const row = await tx
      .selectFrom('refresh_token')
      .selectAll()
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return { kind: 'invalid' as const };
    const now = ctx.clock.now();
    const claimed = await tx
      .updateTable('refresh_token')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (row.used_at !== null || Number(claimed.numUpdatedRows) !== 1) {
      await tx
        .updateTable('refresh_token')
        .set({ revoked_at: now })
        .where('family_id', '=', row.family_id)
        .where('revoked_at', 'is', null)
        .execute();
      const user = await tx
        .selectFrom('app_user')
        .select('username')
        .where('id', '=', row.user_id)
        .executeTakeFirst();
      await recordAudit(
        inTransaction(ctx, tx),
        { userId: Number(row.user_id), username: user?.username ?? '', ip },
        { action: 'token.refresh_reuse', target: user?.username ?? '', details: { family: row.family_id } },
      );
      return { kind: 'reuse' as const };
    }
    const user = await tx
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', row.user_id)
      .where('is_active', '=', 1)
      .executeTakeFirst();
    if (!user || Number(user.auth_epoch) !== Number(row.auth_epoch) || Number(row.expires_at) <= now)
      return { kind: 'invalid' as const };
    return { kind: 'ok' as const, user, family: row.family_id };
  });
  if (outcome.kind !== 'ok') throw invalid();
  return issueTokenPair(ctx, outcome.user, outcome.family);
}
