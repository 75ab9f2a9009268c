import type { EventStreamImportProgress } from '@steppingstones/core/eventstream';
import cliProgress from 'cli-progress';

export interface ImportProgress {
  update: (p: EventStreamImportProgress) => void;
  stop: () => void;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * A progress bar on standard error when it is a terminal (bytes of the file when its size is known,
 * else lines read); nothing otherwise, so scripts and `--json` see clean output.
 */
export function importProgress(totalBytes: number | undefined): ImportProgress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        totalBytes === undefined
          ? 'importing | {lines} lines | {added} added, {duplicates} duplicates, {rejected} rejected'
          : 'importing [{bar}] {percentage}% | {done}/{size} MB | {added} added, {duplicates} duplicates, {rejected} rejected',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const size = totalBytes ?? 0;
  bar.start(size || 1, 0, { lines: 0, added: 0, duplicates: 0, rejected: 0, done: '0.0', size: mb(size) });
  return {
    update: (p) =>
      bar.update(totalBytes === undefined ? 0 : Math.min(p.bytes, size), {
        lines: p.lines,
        added: p.added,
        duplicates: p.duplicates,
        rejected: p.rejected,
        done: mb(p.bytes),
        size: mb(size),
      }),
    stop: () => bar.stop(),
  };
}
