import { meterScan } from './engine.ts';
import { nextMarker } from './markers.ts';

/**
 * Linear helpers over tool output. Extractors never run a pattern over the whole text: they find a
 * literal marker with `indexOf` (native and fast), cut the line or block around it, and run their RE2
 * patterns on that window only. Windows never overlap, so the total work stays proportional to the
 * text whatever it holds.
 */

/** CRLF to LF, and Cobalt Strike's `received output:` prefix lines removed. */
export function normalizeOutput(text: string): string {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (out.includes('received output:\n')) out = out.split('received output:\n').join('');
  return out;
}

export interface Line {
  text: string;
  start: number;
  /** Index of the line's `\n` (or the text length). */
  end: number;
}

/** The line around index `at`. */
export function lineAt(text: string, at: number): Line {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end === -1) end = text.length;
  return { text: text.slice(start, end), start, end };
}

/**
 * Each line holding `marker`, once per line, in order. Lines longer than `maxLength` are skipped:
 * no record of a line-based tool is that long, and hostile text must not cost a capturing match each.
 */
export function* linesWith(
  text: string,
  marker: string,
  maxLength = Number.POSITIVE_INFINITY,
): Generator<Line> {
  let from = 0;
  const cursor = { i: 0 };
  while (from < text.length) {
    const at = nextMarker(text, marker, from, cursor);
    meterScan((at === -1 ? text.length : at) - from);
    if (at === -1) return;
    const line = lineAt(text, at);
    meterScan(line.text.length);
    if (line.text.length <= maxLength) yield line;
    from = line.end + 1;
  }
}

/** Each line holding any of `markers` (merged in text order, each line once). */
export function* linesWithAny(text: string, markers: readonly string[]): Generator<Line> {
  if (markers.length === 1) {
    yield* linesWith(text, markers[0] as string);
    return;
  }
  const cursors = markers.map(() => ({ i: 0 }));
  const next = markers.map((m, i) => nextMarker(text, m, 0, cursors[i] as { i: number }));
  meterScan(text.length);
  let from = 0;
  while (true) {
    let best = -1;
    for (let i = 0; i < markers.length; i++) {
      let at = next[i] as number;
      if (at !== -1 && at < from) {
        at = nextMarker(text, markers[i] as string, from, cursors[i] as { i: number });
        meterScan((at === -1 ? text.length : at) - from);
        next[i] = at;
      }
      if (at !== -1 && (best === -1 || at < best)) best = at;
    }
    if (best === -1) return;
    const line = lineAt(text, best);
    meterScan(line.text.length);
    yield line;
    from = line.end + 1;
  }
}

/**
 * Each block that starts at the line holding `marker` and runs to the line of the next marker (or
 * `maxChars`), so a block parser never reads into the next block. Blocks never overlap, even when one
 * line repeats the marker.
 */
export function* blocksFrom(
  text: string,
  marker: string,
  maxChars = 64 * 1024,
  /** Where a block ends at the latest besides the next marker (e.g. the blank line after a session). */
  endAt?: string,
): Generator<string> {
  const cursor = { i: 0 };
  let at = nextMarker(text, marker, 0, cursor);
  meterScan(at === -1 ? text.length : at);
  let floor = 0;
  while (at !== -1) {
    const start = boundedLineStart(text, at, floor);
    const next = nextMarker(text, marker, at + marker.length, cursor);
    meterScan((next === -1 ? text.length : next) - at);
    const limit = next === -1 ? text.length : boundedLineStart(text, next, at + marker.length);
    let stop = Math.min(Math.max(limit, at + marker.length), start + maxChars);
    if (endAt !== undefined) {
      // Searched within the block only, so text without the end mark is never scanned twice.
      const end = text.slice(at + marker.length, stop).indexOf(endAt);
      if (end !== -1) stop = at + marker.length + end;
    }
    yield text.slice(start, stop);
    floor = stop;
    at = next;
  }
}

/** The lines of a small window (a block already cut out by `blocksFrom`). */
export function splitLines(block: string): string[] {
  meterScan(block.length);
  return block.split('\n');
}

/** `DOMAIN\user` / `user@domain` / `user` → system and account. */
export function splitPrincipal(value: string, fallbackSystem = ''): { system: string; account: string } {
  const v = value.trim();
  const slash = v.indexOf('\\');
  if (slash > 0) return { system: v.slice(0, slash), account: v.slice(slash + 1) };
  const at = v.lastIndexOf('@');
  if (at > 0 && at < v.length - 1) return { system: v.slice(at + 1), account: v.slice(0, at) };
  return { system: fallbackSystem, account: v };
}

/** Removes one pair of surrounding quotes. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/**
 * Start of the line holding `at`, looking back no further than `floor` nor 4 KB, so that callers
 * stepping through many markers on one huge line stay linear.
 */
export function boundedLineStart(text: string, at: number, floor: number): number {
  const from = Math.max(floor, at - 4096);
  meterScan(at - from);
  const nl = text.slice(from, at).lastIndexOf('\n');
  return nl === -1 ? from : from + nl + 1;
}

/** The text of `line` and up to `count` lines after it (at most 8 KB), for two- or three-line records. */
export function withFollowingLines(text: string, line: Line, count: number): string {
  let end = line.end;
  for (let i = 0; i < count && end < text.length && end - line.start < 8192; i++) {
    const next = text.indexOf('\n', end + 1);
    end = next === -1 ? text.length : next;
  }
  const stop = Math.min(end, line.start + 8192);
  meterScan(stop - line.start);
  return text.slice(line.start, stop);
}

/** The text of `line` and up to `count` lines before it (at most 8 KB, never before `floor`). */
export function withPrecedingLines(text: string, line: Line, count: number, floor = 0): string {
  let start = line.start;
  for (let i = 0; i < count && start > floor && line.end - start < 8192; i++) {
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  start = Math.max(start, floor, line.end - 8192);
  meterScan(line.end - start);
  return text.slice(start, line.end);
}

/**
 * True when `text[from, to)` is hex. Long fixed-shape hex runs (hashes, cipher texts) are checked by
 * this loop rather than by the regex engine: it is linear too and an order of magnitude cheaper.
 */
export function isHexRun(text: string, from = 0, to = text.length): boolean {
  if (to <= from) return false;
  meterScan(to - from);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
