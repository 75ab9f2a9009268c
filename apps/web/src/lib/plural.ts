/**
 * A count with its noun: `plural(1, 'event')` → "1 event", `plural(3000, 'event')` → "3,000 events",
 * `plural(2, 'entry', 'entries')` → "2 entries". The plural is the noun + "s" unless given.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** Only the noun for a count (for text that shows the number elsewhere). */
export function noun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}
