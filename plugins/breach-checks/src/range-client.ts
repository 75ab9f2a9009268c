/** How the range client waits and retries; `sleep` is injectable so tests never wait on the wall clock. */
export interface RangeClientOptions {
  baseUrl: string;
  timeoutMs: number;
  minIntervalMs: number;
  maxAttempts: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class RangeApiError extends Error {}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses `SUFFIX:COUNT` lines (35-hex suffixes); padding lines have a count of 0 and are dropped. */
export function parseRange(prefix: string, text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const [suffix, count] = line.trim().split(':');
    if (!suffix || !count) continue;
    const n = Number.parseInt(count, 10);
    if (n > 0 && /^[0-9A-Fa-f]{27}$/.test(suffix)) out.set(`${prefix}${suffix}`.toUpperCase(), n);
  }
  return out;
}

/**
 * The k-anonymity range API: one GET per 5-hex prefix (`/range/<prefix>?mode=ntlm`), padding asked
 * for, a minimum interval between requests, a timeout per request, and back-off on 429 and 5xx
 * (honouring `Retry-After`, else doubling from one second).
 */
export class RangeClient {
  private last = Number.NEGATIVE_INFINITY;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly o: RangeClientOptions) {
    this.sleep = o.sleep ?? defaultSleep;
    this.now = o.now ?? Date.now;
  }

  async range(prefix: string): Promise<Map<string, number>> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/range/${prefix}?mode=ntlm`;
    let backoff = 1000;
    for (let attempt = 1; ; attempt++) {
      const wait = this.last + this.o.minIntervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.last = this.now();
      let res: Response;
      try {
        const signals = [AbortSignal.timeout(this.o.timeoutMs), ...(this.o.signal ? [this.o.signal] : [])];
        res = await fetch(url, {
          headers: { 'Add-Padding': 'true', 'User-Agent': 'SteppingStones-breach-checks' },
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        if (this.o.signal?.aborted || attempt >= this.o.maxAttempts) throw error;
        await this.sleep(backoff);
        backoff *= 2;
        continue;
      }
      if (res.ok) return parseRange(prefix, await res.text());
      await res.body?.cancel();
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= this.o.maxAttempts)
        throw new RangeApiError(`The range API answered ${res.status} for prefix ${prefix}.`);
      const retryAfter = Number(res.headers.get('retry-after'));
      await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff);
      backoff *= 2;
    }
  }
}
