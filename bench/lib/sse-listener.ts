/** A minimal Server-Sent Events reader over fetch: records each frame's data with its arrival time. */
export interface SseListener {
  /** Resolves with the arrival time (performance.now()) of the first frame since `since` matching `pattern`. */
  waitFor(pattern: RegExp, since: number, timeoutMs?: number): Promise<number>;
  close(): void;
}

export async function listenSse(url: string, headers: Record<string, string>): Promise<SseListener> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}`);
  const frames: Array<{ at: number; data: string }> = [];
  const waiters = new Set<() => void>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.includes('event: ready')) ready();
        frames.push({ at: performance.now(), data: frame });
        for (const w of waiters) w();
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  await isReady;
  return {
    waitFor(pattern, since, timeoutMs = 10_000) {
      const found = () => frames.find((f) => f.at >= since && pattern.test(f.data))?.at;
      const now = found();
      if (now !== undefined) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no live message matching ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const at = found();
          if (at === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(at);
        };
        waiters.add(check);
      });
    },
    close() {
      controller.abort();
    },
  };
}
