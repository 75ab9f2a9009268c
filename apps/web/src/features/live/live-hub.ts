import { releaseLease, tryHoldLease } from './leader-lease.ts';
import { type LiveSignal, parseChange, streamUrl } from './live-frames.ts';

const CHANNEL = 'ss-live';
const LOCK = 'ss-live-leader';
const LEASE_RENEW_MS = 2_000;

type Listener = (signal: LiveSignal) => void;

/**
 * One stream per browser: the tabs elect a leader (Web Locks, or a localStorage lease without them);
 * only the leader opens the EventSource and rebroadcasts every frame on a BroadcastChannel. When the
 * leader closes, the lock passes to another tab, which resumes after the last id the tabs saw.
 * The browser's own reconnects resume with Last-Event-ID, so a dropped connection loses nothing.
 */
class LiveHub {
  private readonly listeners = new Set<Listener>();
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private lastSeen: number | null = null;
  private stopElection: (() => void) | null = null;
  private readonly tabId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Math.random()}`;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private deliver(signal: LiveSignal): void {
    if (signal.kind === 'change') this.lastSeen = Math.max(this.lastSeen ?? 0, signal.change.id);
    for (const listener of this.listeners) listener(signal);
  }

  /** The leader's frames go to its own listeners and to every other tab. */
  private publish(signal: LiveSignal): void {
    this.deliver(signal);
    this.channel?.postMessage(signal);
  }

  private start(): void {
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = (e: MessageEvent<LiveSignal>) => this.deliver(e.data);
    }
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks && this.channel) {
      const abort = new AbortController();
      let release: (() => void) | null = null;
      // The lock is held until the promise settles: for as long as this tab leads.
      locks
        .request(LOCK, { signal: abort.signal }, () => {
          this.lead();
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch(() => undefined); // aborted while waiting: this tab stopped listening
      this.stopElection = () => {
        abort.abort();
        release?.();
      };
      return;
    }
    if (!this.channel) {
      // No way to share: every tab keeps its own stream.
      this.lead();
      this.stopElection = () => undefined;
      return;
    }
    const tick = () => {
      const leading = tryHoldLease(localStorage, this.tabId, Date.now());
      if (leading && !this.source) this.lead();
      if (!leading && this.source) this.unlead();
    };
    tick();
    const timer = setInterval(tick, LEASE_RENEW_MS);
    const onUnload = () => releaseLease(localStorage, this.tabId);
    window.addEventListener('pagehide', onUnload);
    this.stopElection = () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', onUnload);
      onUnload();
    };
  }

  private lead(): void {
    const source = new EventSource(streamUrl(this.lastSeen));
    this.source = source;
    source.addEventListener('change', (e: MessageEvent<string>) => {
      const change = parseChange(e.data);
      if (change) this.publish({ kind: 'change', change });
    });
    source.addEventListener('reset', () => this.publish({ kind: 'reset' }));
    // A stream opened without a resume point starts at "now": whatever changed between the pages'
    // first fetch and this moment would be missed, so the pages refetch once.
    source.addEventListener('ready', () => {
      if (this.lastSeen === null) this.publish({ kind: 'reset' });
    });
    // The session ended (logout, revocation): don't let the browser reconnect into 401s.
    source.addEventListener('end', () => this.unlead());
  }

  private unlead(): void {
    this.source?.close();
    this.source = null;
  }

  private stop(): void {
    this.stopElection?.();
    this.stopElection = null;
    this.unlead();
    this.channel?.close();
    this.channel = null;
  }
}

export const liveHub = new LiveHub();
