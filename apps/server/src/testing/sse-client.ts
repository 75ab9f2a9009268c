/** One parsed Server-Sent Events frame. */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

export interface SseConnection {
  frames: SseFrame[];
  /** Resolves with the first frame (already received or future) that matches, or rejects after `ms`. */
  waitFor(match: (f: SseFrame) => boolean, ms?: number): Promise<SseFrame>;
  /** Resolves when the stream ends (server end, network error or close()). */
  ended: Promise<void>;
  /** True once the server ended the stream properly (its last chunk arrived), false if it broke or was closed. */
  readonly endedCleanly: boolean;
  close(): void;
}

/** A real SSE client over fetch, as a browser's EventSource would see the stream. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let endedCleanly = false;
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          endedCleanly = true;
          break;
        }
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame: SseFrame = { event: 'message', data: '' };
          let isFrame = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            const [field, ...rest] = line.split(':');
            const v = rest.join(':').replace(/^ /, '');
            if (field === 'id') frame.id = v;
            if (field === 'event') frame.event = v;
            if (field === 'data') {
              frame.data += v;
              isFrame = true;
            }
          }
          if (isFrame) frames.push(frame);
          for (const w of waiters) w();
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close(), or the connection broke (endedCleanly stays false)
    }
    for (const w of waiters) w();
  })();
  return {
    frames,
    ended,
    get endedCleanly() {
      return endedCleanly;
    },
    close: () => abort.abort(),
    waitFor(match, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching SSE frame within ${ms} ms; got ${JSON.stringify(frames)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}
