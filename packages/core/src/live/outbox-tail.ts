import { type ChannelListener, type Database, type DbLogger, listenChannel } from '@steppingstones/db';
import {
  type DomainEvent,
  latestDomainEventId,
  OUTBOX_CHANNEL,
  readDomainEventsAfter,
} from '../outbox/index.ts';

export { OUTBOX_CHANNEL };

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
  private listener: ChannelListener | undefined;
  private running = false;
  private polling = false;
  private pollAgain = false;

  constructor(
    private readonly database: Database,
    private readonly logger: DbLogger,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.lastId = await latestDomainEventId(this.database.db);
    this.listener = await listenChannel(this.database, OUTBOX_CHANNEL, () => void this.poll(), this.logger);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
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
    this.timer = setTimeout(
      () => void this.poll().finally(() => this.schedule()),
      this.listener?.pollMs ?? 200,
    );
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
    } catch (err) {
      // The database may be briefly unreachable; the next poll retries.
      this.logger.warn({ err }, 'Reading the outbox failed; retrying at the next poll.');
    } finally {
      this.polling = false;
    }
  }
}
