import type { DB, Tx } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AppContext } from './app-context.ts';
import type { Clock } from './clock.ts';
import type { Principal } from './permissions/principal.ts';
import type { SecretKeys } from './secrets/secret-key.ts';

/**
 * What a service works with, handed in by its caller instead of reached for: the database handle (the
 * open transaction inside one), who is acting, the clock, the keys and a logger. The server builds one
 * per request, the worker and the CLI one at start-up, tests one with a fixed clock.
 */
export interface ServiceContext {
  /** The process's database, or the transaction the caller opened (see `inTransaction`). */
  readonly db: Kysely<DB>;
  /** Who is acting; null on the few anonymous paths (sign-in, first-run setup). */
  readonly principal: Principal | null;
  readonly clock: Clock;
  readonly keys: SecretKeys;
  readonly logger: Logger;
}

/** A context for `principal` on the process's database. */
export function serviceContext(
  app: Pick<AppContext, 'database' | 'clock' | 'keys' | 'logger'>,
  principal: Principal | null,
  logger: Logger = app.logger,
): ServiceContext {
  return { db: app.database.db, principal, clock: app.clock, keys: app.keys, logger };
}

/** The same context running on `tx`, so helpers called inside a transaction commit with it. */
export function inTransaction(ctx: ServiceContext, tx: Kysely<DB>): ServiceContext;
export function inTransaction(ctx: ClockedHandle, tx: Kysely<DB>): ClockedHandle;
export function inTransaction(ctx: ClockedHandle, tx: Kysely<DB>): ClockedHandle {
  return { ...ctx, db: tx };
}

/** The open transaction of a context, for helpers that must run inside their caller's transaction. */
export function transactionOf(ctx: Pick<ServiceContext, 'db'>): Tx {
  if (!ctx.db.isTransaction) throw new Error('This step must run inside its caller’s write transaction.');
  return ctx.db as Tx;
}

/**
 * The part of a context that storage-level steps need: where to write and what time it is (the job
 * queue, the outbox, audit records, tags). A full context fits it.
 */
export type ClockedHandle = Pick<ServiceContext, 'db' | 'clock'>;

const historyKeys = new WeakMap<SecretKeys, Buffer>();

/**
 * The key that chains event history, derived from SECRET_KEY_FILE and never stored. Derived once per
 * key set: every event write asks for it.
 */
export function historyKeyOf(ctx: Pick<ServiceContext, 'keys'>): Buffer {
  let key = historyKeys.get(ctx.keys);
  if (!key) {
    key = ctx.keys.derive('history-chain');
    historyKeys.set(ctx.keys, key);
  }
  return key;
}
