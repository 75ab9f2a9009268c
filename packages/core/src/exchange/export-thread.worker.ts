// The export thread: reads events on a read-only connection of its own and writes their CSV, so a
// large export neither blocks the server's event loop nor waits on it (DESIGN: long reads run in a
// worker thread). Serves any number of exports at once, each on its own port.
import { type MessagePort, parentPort } from 'node:worker_threads';
import { createDb } from '@steppingstones/db';
import type { PermissionCode, Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { csvChunksOf } from './event-csv.ts';
import { exportEventPages } from './export-rows.ts';
import {
  type CsvExportRequest,
  type ExportToServer,
  type ExportToThread,
  INITIAL_CREDITS,
} from './export-thread.protocol.ts';

/** Waits for the server's credits; throws once the server stops listening (the client went away). */
function credits(port: MessagePort) {
  let left = INITIAL_CREDITS;
  let closed = false;
  let wake: (() => void) | undefined;
  port.on('message', (msg: ExportToThread) => {
    if (msg.type === 'credit') left += msg.n;
    wake?.();
  });
  port.on('close', () => {
    closed = true;
    wake?.();
  });
  return async () => {
    while (left <= 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
    if (closed) throw new Error('the server stopped reading the export');
    left--;
  };
}

async function exportCsv(request: CsvExportRequest): Promise<void> {
  const { port } = request;
  const post = (msg: ExportToServer, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);
  const take = credits(port);
  // Connections per export, closed at its end: an idle thread holds no database open (a test or a
  // benchmark may drop its PostgreSQL database right after). Two, so the next page is read while this
  // page's tags and files are (see exportEventPages).
  const database = createDb({ target: request.target, readonly: true, poolSize: 2 });
  try {
    const principal: Principal = {
      ...request.principal,
      permissions: new Set(request.principal.permissions as PermissionCode[]),
    };
    const names = await attackNames(database.db);
    const pages = exportEventPages(database.db, principal, request.filter, { after: request.after });
    for await (const chunk of csvChunksOf(pages, names)) {
      await take();
      // The chunk's memory moves to the server's thread instead of being copied.
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      post({ type: 'chunk', bytes }, [chunk.buffer as ArrayBuffer]);
    }
    post({ type: 'end' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await database.close();
    port.close();
  }
}

parentPort!.on('message', (request: CsvExportRequest) => {
  void exportCsv(request);
});
