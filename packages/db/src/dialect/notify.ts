import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../create-db.ts';
import { dialectOf } from '../dialect-of.ts';
import type { DbLogger } from '../logger.ts';

/**
 * Announces `payload` on `channel` when the caller's transaction commits (PostgreSQL `NOTIFY`), so
 * listeners in every process wake without polling. SQLite has no notifications: its listeners poll.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export async function notifyChannel(tx: Kysely<any>, channel: string, payload: string): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await sql`select pg_notify(${channel}, ${payload})`.execute(tx);
}

export interface ChannelListener {
  /** How often the caller should still poll: notifications make it a fallback on PostgreSQL. */
  readonly pollMs: number;
  close(): Promise<void>;
}

/**
 * Calls `onNotify` whenever a `notifyChannel` on `channel` commits, in any process. PostgreSQL: a
 * `LISTEN` on a connection of its own, outside the pool (a LISTEN held on a pooled client would block
 * `pool.end()`). When that connection cannot be made or fails later, the error is logged and polling
 * carries on alone. SQLite: nothing to listen to; `pollMs` is short instead.
 */
export async function listenChannel(
  database: Pick<Database, 'dialect' | 'target'>,
  channel: string,
  onNotify: (payload: string | undefined) => void,
  logger: DbLogger,
): Promise<ChannelListener> {
  if (database.dialect !== 'postgres') return { pollMs: 200, close: async () => {} };
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Unsupported channel name: ${channel}`);
  const client = new pg.Client({
    connectionString: database.target.location,
    connectionTimeoutMillis: 10_000,
  });
  let closed = false;
  client.on('error', (err) => {
    if (!closed) logger.warn({ err, channel }, 'The LISTEN connection failed; polling carries on alone.');
  });
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify(message.payload);
  });
  const close = async () => {
    closed = true;
    await client.end().catch(() => {});
  };
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (err) {
    logger.warn({ err, channel }, 'Could not LISTEN for notifications; polling instead.');
    await close();
  }
  return { pollMs: 1000, close };
}
