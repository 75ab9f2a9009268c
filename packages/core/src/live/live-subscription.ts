import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { type DomainEvent, readDomainEventsAfter } from '../outbox/index.ts';
import type { Principal } from '../permissions/index.ts';
import { accessChangedFor } from '../users/access-changed.ts';
import { type LiveMessage, toLiveMessage } from './live-message.ts';
import { messageFor } from './live-visibility.ts';

/** A subscriber further behind than this is told to refetch everything instead of replaying. */
export const MAX_REPLAY = 2_000;

/** Where a subscription's output goes (the server writes it as Server-Sent Events). */
export interface LiveSink {
  /** A change the subscriber may see, already scoped and masked for them. */
  change(message: LiveMessage): void;
  /** The missed changes are too many to replay: refetch everything. */
  reset(): void;
  /** Replay done; live changes follow. `position` is the newest outbox id accounted for. */
  ready(position: number): void;
  /** The subscriber's access ended (signed out, session revoked, deactivated); nothing follows. */
  end(reason: string): void;
}

/** The part of `OutboxTail` a subscription needs. */
export interface LiveSource {
  readonly position: number;
  subscribe(listener: (events: DomainEvent[]) => void): () => void;
}

export interface LiveSubscriptionOptions {
  db: Kysely<DB>;
  source: LiveSource;
  /** The subscriber as authenticated when the subscription opened. */
  principal: Principal;
  /**
   * Re-reads the subscriber (membership and permissions as they are now); null when their access
   * ended. Called when the outbox says their access changed, and every `revalidateMs`.
   */
  refresh: () => Promise<Principal | null>;
  sink: LiveSink;
  /** The last outbox id the subscriber saw (Last-Event-ID): what came after it is replayed first. */
  resumeFrom?: number;
  /** How often the subscriber is re-read even without an access change; 0 = only on such changes. */
  revalidateMs?: number;
  maxReplay?: number;
  /** A failed re-read or delivery, for the log; the subscription carries on. */
  onError?: (error: unknown) => void;
}

/**
 * One subscriber's view of the outbox: replays what they missed since `resumeFrom`, then follows the
 * live tail, each message scoped to what they may see in its engagement now. Outbox events are handled
 * strictly in order, and an access change naming the subscriber re-reads them before anything written
 * after it is considered: nothing written after a removal from an engagement reaches the removed user.
 */
export class LiveSubscription {
  private principal: Principal;
  private lastSent: number;
  private closedFlag = false;
  private queue: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private revalidate: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: LiveSubscriptionOptions) {
    this.principal = options.principal;
    this.lastSent = options.resumeFrom ?? options.source.position;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Subscribes, replays, then signals `ready`. Resolves once live changes flow (or it closed). */
  async start(): Promise<void> {
    const { source, resumeFrom } = this.options;
    // Subscribe before replaying, buffering, so nothing falls between the replay and the live tail.
    const buffered: DomainEvent[] = [];
    let replaying = true;
    this.unsubscribe = source.subscribe((events) => {
      if (replaying) buffered.push(...events);
      else void this.serial(() => this.deliver(events));
    });
    if (resumeFrom !== undefined) await this.replay(resumeFrom);
    replaying = false;
    await this.serial(() => this.deliver(buffered));
    if (this.closedFlag) return;
    this.options.sink.ready(Math.max(this.lastSent, source.position));
    const every = this.options.revalidateMs ?? 0;
    if (every > 0) this.revalidate = setInterval(() => void this.recheck(), every);
  }

  /** Re-reads the subscriber now (after anything already queued); false when the subscription ended. */
  async recheck(): Promise<boolean> {
    return (await this.serial(() => this.refreshPrincipal())) ?? false;
  }

  close(): void {
    this.closedFlag = true;
    clearInterval(this.revalidate);
    this.unsubscribe?.();
  }

  private async replay(resumeFrom: number): Promise<void> {
    const max = this.options.maxReplay ?? MAX_REPLAY;
    const missed = await readDomainEventsAfter(this.options.db, resumeFrom, { limit: max + 1 });
    if (this.closedFlag) return;
    if (missed.length > max) {
      this.lastSent = this.options.source.position;
      this.options.sink.reset();
      return;
    }
    for (const event of missed) {
      const message = toLiveMessage(event);
      if (message) this.send(message);
      else this.lastSent = Math.max(this.lastSent, event.id);
    }
  }

  private async deliver(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      if (this.closedFlag) return;
      if (accessChangedFor(event, this.principal.userId) && !(await this.refreshPrincipal())) return;
      const message = toLiveMessage(event);
      if (message) this.send(message);
    }
  }

  private send(message: LiveMessage): void {
    if (this.closedFlag || message.id <= this.lastSent) return;
    const visible = messageFor(this.principal, message);
    if (!visible) return;
    this.options.sink.change(visible);
    this.lastSent = message.id;
  }

  private async refreshPrincipal(): Promise<boolean> {
    const fresh = await this.options.refresh().catch((error: unknown) => {
      this.options.onError?.(error);
      return this.principal;
    });
    if (this.closedFlag) return false;
    if (!fresh) {
      this.close();
      this.options.sink.end('signed out');
      return false;
    }
    this.principal = fresh;
    return true;
  }

  /**
   * Deliveries and re-reads run one after another, so a re-read finishes before any later message is
   * considered and an older re-read never overwrites a newer principal.
   */
  private serial<T>(task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.options.onError?.(error);
      return undefined;
    });
    this.queue = run;
    return run;
  }
}
