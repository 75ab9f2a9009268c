import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { createApiToken, resolveApiToken, revokeApiToken } from '../tokens/index.ts';
import { principalForUser } from '../users/index.ts';
import { vaultEngagement } from './credential-engagement.ts';

const tokenName = (code: string) => `HashMob uploader (${code})`;

/**
 * A fresh personal token for HashmobAPIUploader, limited to one engagement and `credential.change`;
 * the user's previous HashMob token for that engagement is revoked. Only an interactive sign-in
 * (session or password-login JWT) may mint one, never another personal token.
 */
export async function issueHashmobToken(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  actor: AuditActor,
): Promise<string> {
  const db = ctx.db;
  if (principal.via !== 'session' && principal.via !== 'jwt')
    throw new ForbiddenError(
      'Download the HashMob configuration while signed in (session or password-login token), not with a personal token.',
    );
  const engagement = await vaultEngagement(db, principal, code, 'credential.change');
  const previous = await db
    .selectFrom('api_token')
    .select('id')
    .where('user_id', '=', principal.userId)
    .where('name', '=', tokenName(engagement.code))
    .where('revoked_at', 'is', null)
    .execute();
  for (const p of previous) await revokeApiToken(ctx, principal.userId, Number(p.id), actor);
  const created = await createApiToken(
    ctx,
    principal,
    { name: tokenName(engagement.code), permissions: ['credential.change'], engagements: [engagement.code] },
    actor,
  );
  await recordAudit(ctx, actor, {
    action: 'credential.hashmob_config',
    target: engagement.code,
    details: { token_id: created.id, revoked: previous.length, at: ctx.clock.now() },
  });
  return created.token;
}

/** The principal and engagement behind a HashMob `api-key`: a live token limited to exactly one engagement. */
export async function hashmobCaller(
  ctx: ServiceContext,
  apiKey: string | undefined,
): Promise<{ principal: Principal; engagementId: number }> {
  const { db } = ctx;
  if (!apiKey) throw new UnauthenticatedError('Send the api-key header from your hashmob_config.ini.');
  const found = await resolveApiToken(ctx, apiKey.trim());
  if (!found)
    throw new UnauthenticatedError('The api-key is not a live token; download a new hashmob_config.ini.');
  const ids = found.scope.engagementIds;
  if (ids?.length !== 1)
    throw ValidationError.field(
      'api-key',
      'The token must be limited to one engagement: download hashmob_config.ini from that engagement’s vault.',
    );
  const principal = await principalForUser(db, found.user, 'api-token', found.scope);
  return { principal, engagementId: ids[0] as number };
}
