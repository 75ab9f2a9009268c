import type { TaskContext } from '@steppingstones/plugin-sdk';
import { NtlmCorpus } from './corpus.ts';
import { RangeClient, type RangeClientOptions } from './range-client.ts';

export interface CheckOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Prefixes per run at most (the next run continues). */
  limit: number;
  sleep?: RangeClientOptions['sleep'];
}

export interface CheckResult {
  source: 'corpus' | 'range';
  prefixes: number;
  hashes: number;
  breached: number;
  pending: number;
}

/**
 * Looks pending hashes up prefix by prefix and records each prefix's counts before the next, so a
 * run cut short (restart, deadline) loses at most one prefix's request.
 */
export async function checkBreachedPasswords(ctx: TaskContext, o: CheckOptions): Promise<CheckResult> {
  const file = o.env.HIBP_NTLM_FILE;
  const corpus = file ? await NtlmCorpus.open(file) : null;
  const client = corpus
    ? null
    : new RangeClient({
        baseUrl: o.env.HIBP_RANGE_URL || 'https://api.pwnedpasswords.com',
        timeoutMs: Number(o.env.HIBP_TIMEOUT_MS) || 10_000,
        minIntervalMs: Number(o.env.HIBP_MIN_INTERVAL_MS ?? 100),
        maxAttempts: 5,
        signal: ctx.signal,
        sleep: o.sleep,
      });
  const result: CheckResult = {
    source: corpus ? 'corpus' : 'range',
    prefixes: 0,
    hashes: 0,
    breached: 0,
    pending: 0,
  };
  try {
    for (const prefix of await ctx.breachChecks.pendingPrefixes({ limit: o.limit })) {
      if (ctx.signal.aborted) break;
      const hashes = await ctx.breachChecks.pendingHashes(prefix);
      if (!hashes.length) continue;
      const counts: Record<string, number> = {};
      if (corpus) for (const h of hashes) counts[h] = await corpus.count(h);
      else {
        let found: Map<string, number>;
        try {
          found = await (client as RangeClient).range(prefix);
        } catch (error) {
          // Stopped (deadline, shutdown): this prefix stays pending for the next run.
          if (ctx.signal.aborted) break;
          throw error;
        }
        for (const h of hashes) counts[h] = found.get(h) ?? 0;
      }
      await ctx.breachChecks.record(counts);
      result.prefixes++;
      result.hashes += hashes.length;
      result.breached += Object.values(counts).filter((n) => n > 0).length;
    }
  } finally {
    await corpus?.close();
  }
  result.pending = await ctx.breachChecks.pendingCount();
  ctx.logger.info('breach checks', { ...result });
  return result;
}
