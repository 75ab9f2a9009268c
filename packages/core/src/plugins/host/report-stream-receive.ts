// Server side of a streamed report: a Readable fed by the thread's pieces, granting credits back as
// the HTTP response takes them (Readable's own backpressure decides when).
import { Readable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import type { ReportHead } from './report-output.ts';
import {
  INITIAL_CREDITS,
  PIECE_BYTES,
  type StreamToServer,
  type StreamToThread,
} from './report-stream.protocol.ts';

export interface ReportStreamReceiver {
  /** Resolves with the head when the thread starts streaming (never, for a complete report). */
  head: Promise<ReportHead>;
  /** The body; ends after the thread's last piece, fails when the render fails or the thread dies. */
  body: Readable;
  /** Stops listening (the report came complete, or failed before streaming). */
  close(): void;
}

export function receiveReportStream(port: MessagePort): ReportStreamReceiver {
  let showHead: (head: ReportHead) => void = () => {};
  const head = new Promise<ReportHead>((resolve) => {
    showHead = resolve;
  });
  let owed = 0;
  let ended = false;
  const grant = (n: number) => port.postMessage({ type: 'credit', n } satisfies StreamToThread);
  const body = new Readable({
    // Room for what the thread may send on its initial credits, so those never wait on the client.
    highWaterMark: PIECE_BYTES * INITIAL_CREDITS,
    read() {
      if (owed) grant(owed);
      owed = 0;
    },
    destroy(error, callback) {
      port.close();
      callback(error);
    },
  });
  port.on('message', (msg: StreamToServer) => {
    if (msg.type === 'head') {
      showHead(msg.head);
    } else if (msg.type === 'piece') {
      const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
      if (body.push(bytes)) grant(1);
      else owed++;
    } else if (msg.type === 'end') {
      ended = true;
      body.push(null);
      port.close();
    }
  });
  // The thread was terminated (deadline, crash) mid-stream: the body must fail, not end short.
  port.on('close', () => {
    if (!ended && !body.destroyed) body.destroy(new Error('the report thread stopped before the end'));
  });
  return {
    head,
    body,
    close() {
      ended = true;
      port.close();
      body.destroy();
    },
  };
}
