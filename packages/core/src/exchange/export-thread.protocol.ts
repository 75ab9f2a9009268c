// How the export thread streams a CSV to the server: one MessagePort per export, with credits. The
// thread may have at most as many chunks in flight as the server granted; the server grants one back
// each time the HTTP response takes a chunk, so a slow client slows the database reads down instead of
// piling the file up in memory.
import type { MessagePort } from 'node:worker_threads';
import type { DatabaseTarget } from '@steppingstones/db';
import type { Principal } from '../permissions/index.ts';
import type { ExportFilter, ExportKey } from './export-rows.ts';

/** A principal as it crosses to the thread (a Set does not survive structured clone as a type). */
export type PrincipalData = Omit<Principal, 'permissions'> & { permissions: string[] };

/** Server → thread, on the thread's own port: export the CSV records after `after` to `port`. */
export interface CsvExportRequest {
  port: MessagePort;
  target: DatabaseTarget;
  principal: PrincipalData;
  filter: ExportFilter;
  after: ExportKey;
}

/** Thread → server, on the export's port. */
export type ExportToServer =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; message: string };

/** Server → thread, on the export's port: permission to send `n` more chunks. */
export type ExportToThread = { type: 'credit'; n: number };

/** Chunks (about 1 MB each) the thread may send before the server grants more. */
export const INITIAL_CREDITS = 3;
