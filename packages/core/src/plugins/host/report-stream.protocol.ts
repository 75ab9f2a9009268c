// How a pool thread streams a report body to the server over a MessagePort of its own, with credits:
// the thread may have at most as many pieces in flight as the server has granted, and the server grants
// one back only when the HTTP response has taken a piece, so a slow client slows the render down
// instead of piling the report up in memory.
import type { ReportHead } from './report-output.ts';

/** Thread → server: the head (before any piece, once the first piece exists), pieces, the end. */
export type StreamToServer =
  | { type: 'head'; head: ReportHead }
  | { type: 'piece'; bytes: Uint8Array }
  | { type: 'end' };

/** Server → thread: permission to send `n` more pieces. */
export type StreamToThread = { type: 'credit'; n: number };

/** Pieces are about this size: text is gathered until then, so messages stay few. */
export const PIECE_BYTES = 64 * 1024;
/** Pieces the thread may send before the server grants more. */
export const INITIAL_CREDITS = 4;
