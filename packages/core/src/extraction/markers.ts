import { meterScan } from './engine.ts';

/**
 * All extractors' markers found in one pass over the text (Aho–Corasick over the ASCII bytes of the
 * markers), so a 50 MB output costs one scan instead of one `indexOf` per marker and extractor. The
 * positions are handed to the extractors' line and block helpers while `extractCredentials` runs.
 */
export class MarkerIndex {
  private readonly table: Int32Array;
  private readonly fail: Int32Array;
  /** Markers ending at each state (their ids). */
  private readonly outputs: number[][];
  /** 1 where a state ends a marker: the hot loop reads one byte per character. */
  private readonly accepting: Uint8Array;
  /** 1 for the characters that start a marker: in the root state every other character is skipped. */
  private readonly starts: Uint8Array;

  /** The markers as a set: one absent from a scan's answer is not in the text. */
  readonly covered: ReadonlySet<string>;

  constructor(readonly markers: readonly string[]) {
    this.covered = new Set(markers);
    const next: number[][] = [new Array(128).fill(-1)];
    const out: number[][] = [[]];
    markers.forEach((m, id) => {
      let s = 0;
      for (let i = 0; i < m.length; i++) {
        const c = m.charCodeAt(i);
        if (c >= 128) throw new Error(`marker ${JSON.stringify(m)} is not ASCII`);
        if ((next[s] as number[])[c] === -1) {
          (next[s] as number[])[c] = next.length;
          next.push(new Array(128).fill(-1));
          out.push([]);
        }
        s = (next[s] as number[])[c] as number;
      }
      (out[s] as number[]).push(id);
    });
    const states = next.length;
    this.table = new Int32Array(states * 128);
    this.fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = (next[0] as number[])[c] as number;
      this.table[c] = t === -1 ? 0 : t;
      if (t > 0) queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const f = this.fail[s] as number;
      (out[s] as number[]).push(...(out[f] as number[]));
      for (let c = 0; c < 128; c++) {
        const t = (next[s] as number[])[c] as number;
        if (t === -1) {
          this.table[s * 128 + c] = this.table[f * 128 + c] as number;
        } else {
          this.table[s * 128 + c] = t;
          this.fail[t] = this.table[f * 128 + c] as number;
          queue.push(t);
        }
      }
    }
    this.outputs = out;
    this.starts = new Uint8Array(128);
    for (const m of markers) this.starts[m.charCodeAt(0)] = 1;
    this.accepting = new Uint8Array(states);
    for (let i = 0; i < states; i++) this.accepting[i] = (out[i] as number[]).length > 0 ? 1 : 0;
  }

  /**
   * Start positions of the markers found in `text`, by marker (a marker absent from the text is absent
   * from the map: most texts hold none, and a short line should not pay for one list per marker).
   */
  scan(text: string): Map<string, number[]> {
    meterScan(text.length);
    const found = new Map<string, number[]>();
    const { table, outputs, markers, accepting, starts } = this;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (s === 0 && (c >= 128 || starts[c] === 0)) continue;
      s = table[(s << 7) | (c < 128 ? c : 0)] as number;
      if (accepting[s] === 0) continue;
      for (const id of outputs[s] as number[]) {
        const marker = markers[id] as string;
        const list = found.get(marker);
        if (list === undefined) found.set(marker, [i + 1 - marker.length]);
        else list.push(i + 1 - marker.length);
      }
    }
    return found;
  }
}

/** The positions known for the text being extracted, if any (set by `extractCredentials`). */
let current: { text: string; positions: Map<string, number[]>; covered: ReadonlySet<string> } | null = null;

const NONE: ReadonlySet<string> = new Set();

/** `covered`: the markers the scan looked for (one of them absent from `positions` is not in the text). */
export function withMarkerPositions<T>(
  text: string,
  positions: Map<string, number[]>,
  fn: () => T,
  covered: ReadonlySet<string> = NONE,
): T {
  const previous = current;
  current = { text, positions, covered };
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Where `marker` occurs in `text` at or after `from`: from the index when it covers the text. */
export function nextMarker(text: string, marker: string, from: number, cursor: { i: number }): number {
  const known = current !== null && current.text === text ? current : null;
  const list = known?.positions.get(marker);
  if (list === undefined) return known?.covered.has(marker) ? -1 : text.indexOf(marker, from);
  while (cursor.i < list.length && (list[cursor.i] as number) < from) cursor.i++;
  return cursor.i < list.length ? (list[cursor.i] as number) : -1;
}
