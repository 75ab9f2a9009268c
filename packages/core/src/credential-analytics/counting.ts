/** Counts the keys `key` gives (undefined = skip). */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

export interface Counted {
  value: string;
  count: number;
}

/** The most frequent keys, most frequent first, ties alphabetical; `min` drops rarer ones. */
export function top(counts: Map<string, number>, limit = Number.POSITIVE_INFINITY, min = 1): Counted[] {
  return [...counts]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
}
