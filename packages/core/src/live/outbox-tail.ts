import type { Database } from '@steppingstones/db';
import pg from 'pg';
import { type DomainEvent, latestDomainEventId, readDomainEventsAfter } from '../outbox/index.ts';

export const OUTBOX_CHANNEL = 'ss_outbox';

type Listener = (events: DomainEvent[]) => void;

/**
 * Follows the outbox for one process and hands new domain events to its listeners. On PostgreSQL the
 * writers' NOTIFY (sent at commit) wakes it at once; on SQLite, and as a fallback, it polls briefly.
 * Events written by any process (other app instances, the worker, the CLI) arrive the same way.
 */
export class OutboxTail {
  private lastId = 0;
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  /** A connection of its own, outside the pool: a LISTEN held on a pooled client would block pool.end(). */
  private listenClient: pg.Client | undefined;
  private running = false;
  private polling = false;
  private pollAgain = false;

  constructor(
    private readonly database: Database,
    private readonly pollMs = database.dialect === 'sqlite' ? 200 : 1000,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.lastId = await latestDomainEventId(this.database.db);
    if (this.database.dialect === 'postgres') {
      const client = new pg.Client({
        connectionString: this.database.target.location,
        connectionTimeoutMillis: 10_000,
      });
      try {
        client.on('error', () => {});
        client.on('notification', () => void this.poll());
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.listenClient = client;
      } catch {
        // Polling alone still delivers, only a little later.
        await client.end().catch(() => {});
      }
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const client = this.listenClient;
    this.listenClient = undefined;
    await client?.end().catch(() => {});
  }

  /** The id of the newest event handed out; new subscribers replay from their Last-Event-ID up to it. */
  get position(): number {
    return this.lastId;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        const events = await readDomainEventsAfter(this.database.db, this.lastId, { limit: 500 });
        if (!events.length) break;
        this.lastId = events[events.length - 1]!.id;
        for (const listener of this.listeners) listener(events);
        if (events.length === 500) this.pollAgain = true;
      } while (this.pollAgain && this.running);
    } catch {
      // The database may be briefly unreachable; the next poll retries.
    } finally {
      this.polling = false;
    }
  }
}
