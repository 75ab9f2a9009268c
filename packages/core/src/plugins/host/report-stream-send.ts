// Thread side of a streamed report: gathers the body into pieces and sends them as credits allow.
import type { MessagePort } from 'node:worker_threads';
import type { ReportHead } from './report-output.ts';
import type { ReportBodyStream } from './report-pieces.ts';
import {
  INITIAL_CREDITS,
  PIECE_BYTES,
  type StreamToServer,
  type StreamToThread,
} from './report-stream.protocol.ts';

/** Bytes in an ArrayBuffer of their own (transferring a view of a shared one would detach the rest). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

/** The body as pieces of about PIECE_BYTES (text gathered, then encoded as UTF-8 once). */
async function* gathered(body: ReportBodyStream): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = '';
  let parts: Uint8Array[] = [];
  let size = 0;
  const take = (): Uint8Array => {
    if (text) parts.push(encoder.encode(text));
    const all = parts;
    text = '';
    parts = [];
    size = 0;
    if (all.length === 1) return own(all[0]!);
    const out = new Uint8Array(all.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of all) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  };
  for await (const piece of body) {
    if (typeof piece === 'string') {
      text += piece;
      size += piece.length;
    } else {
      if (text) parts.push(encoder.encode(text));
      text = '';
      // A copy: the plugin may reuse its buffer.
      parts.push(new Uint8Array(piece));
      size += piece.byteLength;
    }
    if (size >= PIECE_BYTES) yield take();
  }
  if (size) yield take();
}

/**
 * Waits for the server's credits. A server that stops listening (the client went away) aborts the
 * render, so the plugin sees `ctx.signal` abort whichever way the cancellation arrived.
 */
function creditGate(port: MessagePort, render: AbortController) {
  let credits = INITIAL_CREDITS;
  let closed = false;
  let wake: (() => void) | undefined;
  const onMessage = (msg: StreamToThread) => {
    if (msg.type !== 'credit') return;
    credits += msg.n;
    wake?.();
  };
  const onClose = () => {
    closed = true;
    render.abort(new Error('the server stopped reading the report'));
    wake?.();
  };
  const { signal } = render;
  port.on('message', onMessage);
  port.on('close', onClose);
  return {
    async take(): Promise<void> {
      while (credits <= 0) {
        signal.throwIfAborted();
        if (closed) throw new Error('the server stopped reading the report');
        await new Promise<void>((resolve) => {
          const done = () => {
            wake = undefined;
            signal.removeEventListener('abort', done);
            resolve();
          };
          wake = done;
          signal.addEventListener('abort', done);
        });
      }
      credits--;
    },
    dispose() {
      port.off('message', onMessage);
      port.off('close', onClose);
      port.unref();
    },
  };
}

/**
 * Streams a report body to the server. The head goes only once the first piece exists, so a render
 * that fails before producing anything is still answered with a clean error. Closing the body (at the
 * end, on an error, or when the call is cancelled) runs the plugin's `finally` blocks.
 */
export async function sendReportStream(
  port: MessagePort,
  head: ReportHead,
  body: ReportBodyStream,
  render: AbortController,
): Promise<void> {
  const { signal } = render;
  const post = (msg: StreamToServer, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);
  const credits = creditGate(port, render);
  const pieces = gathered(body);
  try {
    let next = await pieces.next();
    post({ type: 'head', head });
    while (!next.done) {
      await credits.take();
      post({ type: 'piece', bytes: next.value }, [next.value.buffer as ArrayBuffer]);
      signal.throwIfAborted();
      next = await pieces.next();
    }
    post({ type: 'end' });
  } finally {
    await pieces.return(undefined);
    credits.dispose();
  }
}
