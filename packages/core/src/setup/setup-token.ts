import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DB, makePrivateDir } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { sha256Hex } from '../auth/hash.ts';
import type { ServiceContext } from '../service-context.ts';
import { userCount } from '../users/user.queries.ts';

export const SETUP_TOKEN_STATE_KEY = 'setup_token_hash';

/**
 * While no user exists, makes sure a one-time setup token exists: its hash in `app_state` (what the
 * setup endpoint checks, shared by every instance) and the token in `file` (mode 0600). A token already
 * on file is kept, so a restart does not invalidate what the operator copied. Returns the token, or
 * null once a user exists (and then removes the file).
 */
export async function ensureSetupToken(ctx: ServiceContext, file: string): Promise<string | null> {
  const { db } = ctx;
  if ((await userCount(db)) > 0) {
    fs.rmSync(file, { force: true });
    return null;
  }
  const stored = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', SETUP_TOKEN_STATE_KEY)
    .executeTakeFirst();
  const onFile = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (stored && onFile && sha256Hex(onFile) === stored.value) return onFile;

  const token = crypto.randomBytes(18).toString('base64url');
  const now = ctx.clock.now();
  await db
    .insertInto('app_state')
    .values({ key: SETUP_TOKEN_STATE_KEY, value: sha256Hex(token), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sha256Hex(token), updated_at: now }))
    .execute();
  makePrivateDir(path.dirname(file));
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * Once a user exists, setup is complete however it happened (the web wizard, `createuser`): the
 * one-time token is forgotten, in the database and on disk, so it is not left lying in DATA_DIR.
 */
export async function retireSetupToken(db: Kysely<DB>, file: string): Promise<void> {
  if ((await userCount(db)) === 0) return;
  await db.deleteFrom('app_state').where('key', '=', SETUP_TOKEN_STATE_KEY).execute();
  fs.rmSync(file, { force: true });
}

/** Constant-time check of a presented token against the stored hash. */
export function setupTokenMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
