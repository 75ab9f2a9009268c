import { affixKeyspace, affixMask, splitLeading, splitTrailing } from './affixes.ts';
import { charMask, maskKeyspace } from './char-mask.ts';
import { countBy } from './counting.ts';

export interface RankedMask {
  mask: string;
  /** How many secrets (rows or distinct values, as the caller counted them) have this mask. */
  count: number;
  keyspace: number;
  /** Candidates to try per expected hit: keyspace / count. Lower is better. */
  per_hit: number;
}

/** Ranks masks cheapest per expected hit first; ties go to the more common, then alphabetical. */
export function rankMasks(counts: Map<string, number>, keyspace: (mask: string) => number): RankedMask[] {
  return [...counts]
    .map(([mask, count]) => {
      const k = keyspace(mask);
      return { mask, count, keyspace: k, per_hit: k / count };
    })
    .sort(
      (a, b) =>
        a.per_hit - b.per_hit || b.count - a.count || (a.mask < b.mask ? -1 : a.mask > b.mask ? 1 : 0),
    );
}

/** Whole-password masks (-a 3) of the given secrets (one per row), at least `minLength` characters. */
export function masklist(secrets: Iterable<string>, minLength = 1): RankedMask[] {
  const counts = countBy(secrets, (s) => {
    const mask = charMask(s);
    return mask.length / 2 >= Math.max(1, minLength) ? mask : undefined;
  });
  return rankMasks(counts, maskKeyspace);
}

/** The same as `masklist`, over distinct secrets each with how many rows hold it. */
export function masklistCounted(
  secrets: Iterable<{ secret: string; count: number }>,
  minLength = 1,
): RankedMask[] {
  const counts = new Map<string, number>();
  for (const { secret, count } of secrets) {
    const mask = charMask(secret);
    if (mask.length / 2 >= Math.max(1, minLength)) counts.set(mask, (counts.get(mask) ?? 0) + count);
  }
  return rankMasks(counts, maskKeyspace);
}

/** Masks of what was appended to words (for -a 6, after a prefix wordlist), over distinct secrets. */
export function suffixMasks(distinctSecrets: Iterable<string>): RankedMask[] {
  return rankMasks(
    affixCounts(distinctSecrets, (s) => splitTrailing(s)),
    affixKeyspace,
  );
}

/** Masks of what was put before words (for -a 7, before a suffix wordlist), over distinct secrets. */
export function prefixMasks(distinctSecrets: Iterable<string>): RankedMask[] {
  return rankMasks(
    affixCounts(distinctSecrets, (s) => splitLeading(s)),
    affixKeyspace,
  );
}

function affixCounts(secrets: Iterable<string>, split: (s: string) => { word: string; affix: string }) {
  return countBy(secrets, (s) => {
    const { word, affix } = split(s);
    return word !== '' && affix !== '' ? affixMask(affix) : undefined;
  });
}
