import path from 'node:path';
import type { C2ImportResult } from '../c2-import.service.ts';
import { listFollowedFiles, readFrom } from './follow-scan.ts';
import { type FollowState, loadFollowState, saveFollowState } from './follow-state.ts';

/** One batch: the complete new parts of the files, and the unfinished rest (read for check-ins only). */
export interface FollowBatch {
  entries: Array<{ path: string; text: string }>;
  tails: Array<{ path: string; text: string }>;
  startedAt: number;
  /** How long the oldest data of the batch waited (now − the oldest file's last write). */
  lagMs: number;
}

/** Where batches go: this hub's database, or another hub's API (`--url`). */
export type FollowSink = (batch: FollowBatch) => Promise<C2ImportResult>;

export interface FollowerOptions {
  /** The team server's `logs/` folder. */
  root: string;
  stateFile: string;
  wants: (path: string) => boolean;
  followSplit?: (path: string, text: string) => number;
  sink: FollowSink;
  now: () => number;
  /** Bytes read per file and per poll; the rest comes next poll. Default 8 MiB. */
  maxBytes?: number;
}

export interface PollResult {
  files: number;
  result: C2ImportResult | null;
}

/**
 * Follows a C2 server's log folder as it grows: each poll sends what is new and complete in every
 * wanted file (new days and new sessions included) through one sink call, then records the offsets.
 * Offsets are saved only after the sink succeeded, and the import is idempotent, so a crash or a
 * restart at any point loses and repeats nothing.
 */
export class C2Follower {
  private state: FollowState;
  /** The unfinished rest last sent per file: sent again only when it changed. */
  private readonly tails = new Map<string, string>();

  constructor(private readonly options: FollowerOptions) {
    this.state = loadFollowState(options.stateFile, options.now());
    saveFollowState(options.stateFile, this.state);
  }

  get startedAt(): number {
    return this.state.startedAt;
  }

  async poll(): Promise<PollResult> {
    const o = this.options;
    const files = listFollowedFiles(o.root, o.wants);
    // A file in an older top folder than the newest (an earlier day) is finished: send all of it.
    const newestTop = files.reduce((max, f) => {
      const top = f.split('/')[0] as string;
      return top > max ? top : max;
    }, '');
    const batch: FollowBatch = { entries: [], tails: [], startedAt: this.state.startedAt, lagMs: 0 };
    const offsets: Record<string, number> = {};
    let oldest = Number.POSITIVE_INFINITY;
    for (const rel of files) {
      const offset = this.state.offsets[rel] ?? 0;
      const { bytes, mtimeMs } = readFrom(path.join(o.root, rel), offset, o.maxBytes ?? 8 * 1024 * 1024);
      if (bytes.length === 0) continue;
      const closed = (rel.split('/')[0] as string) < newestTop && rel.includes('/');
      const lastNewline = bytes.lastIndexOf(0x0a);
      const whole = closed ? bytes.length : lastNewline + 1;
      if (whole === 0) continue;
      const text = bytes.subarray(0, whole).toString('utf8');
      const complete = closed || !o.followSplit ? text.length : o.followSplit(rel, text);
      const sent = text.slice(0, complete);
      const tail = text.slice(complete);
      if (sent) {
        batch.entries.push({ path: rel, text: sent });
        offsets[rel] = offset + Buffer.byteLength(sent, 'utf8');
        oldest = Math.min(oldest, mtimeMs);
      }
      const tailKey = `${offsets[rel] ?? offset}:${tail.length}`;
      if (tail.trim() && this.tails.get(rel) !== tailKey) {
        batch.tails.push({ path: rel, text: tail });
        this.tails.set(rel, tailKey);
      }
    }
    if (batch.entries.length === 0 && batch.tails.length === 0) return { files: 0, result: null };
    batch.lagMs = Number.isFinite(oldest) ? Math.max(0, o.now() - oldest) : 0;
    const result = await o.sink(batch);
    Object.assign(this.state.offsets, offsets);
    saveFollowState(o.stateFile, this.state);
    return { files: batch.entries.length, result };
  }
}
