import cliProgress from 'cli-progress';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * A progress bar of bytes read on standard error, only when it is a terminal (scripts and `--json`
 * see clean output); standard input of unknown size shows the megabytes read.
 */
export function byteProgress(totalBytes: number | undefined): {
  update: (bytes: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        totalBytes === undefined
          ? 'importing | {done} MB read'
          : 'importing [{bar}] {percentage}% | {done}/{size} MB',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const size = totalBytes ?? 0;
  bar.start(size || 1, 0, { done: '0.0', size: mb(size) });
  let last = 0;
  return {
    update: (bytes) => {
      // Redrawing for every chunk would cost more than the import; a few times a second is enough.
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      bar.update(totalBytes === undefined ? 0 : Math.min(bytes, size), { done: mb(bytes), size: mb(size) });
    },
    stop: () => bar.stop(),
  };
}
