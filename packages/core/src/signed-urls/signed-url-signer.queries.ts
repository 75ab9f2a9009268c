import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { Principal } from '../permissions/index.ts';
import { principalForUser, type UserRow } from '../users/index.ts';
import type { UrlSigner } from './signed-url.ts';

export type SignerCheck =
  | { ok: true; principal: Principal; user: UserRow }
  | { ok: false; problem: 'signer_gone' | 'signer_inactive' | 'signer_revoked'; message: string };

/**
 * The principal a signed URL acts as, rebuilt from the database when it is fetched (never from the
 * link): the signer must still exist, be active, and not have had their credentials revoked since
 * (password change, "sign out everywhere", deactivation all bump the epoch). Groups and memberships are
 * read now, so a permission or membership lost since the link was made applies at once.
 */
export async function signerPrincipal(db: Kysely<DB>, signer: UrlSigner): Promise<SignerCheck> {
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', signer.userId).executeTakeFirst();
  if (!user)
    return {
      ok: false,
      problem: 'signer_gone',
      message: 'The account that made this link no longer exists.',
    };
  if (!user.is_active)
    return {
      ok: false,
      problem: 'signer_inactive',
      message: 'The account that made this link is deactivated.',
    };
  if (Number(user.auth_epoch) !== signer.authEpoch)
    return {
      ok: false,
      problem: 'signer_revoked',
      message:
        'The sign-ins of the account that made this link were revoked (password change or sign-out everywhere) after it was made.',
    };
  return { ok: true, principal: await principalForUser(db, user, 'signed-url'), user };
}
