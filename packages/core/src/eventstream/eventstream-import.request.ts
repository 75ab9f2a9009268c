import type { AppContext } from '../app-context.ts';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import { serviceContext } from '../service-context.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';
import {
  type EventStreamImportOptions,
  type EventStreamImportResult,
  importEventStream,
} from './eventstream-import.service.ts';
import { isArchive, runSourceOverArchive } from './source-archive.ts';
import { MAX_SOURCE_BYTES, runSource } from './source-run.ts';

export interface EventStreamImportRequest {
  engagement: string;
  /** `PLUGIN:KEY` of an EventStream source plugin that turns the body into EventStream first. */
  source?: string;
  params?: Record<string, string | string[]>;
  filename?: string;
  body: AsyncIterable<Uint8Array | string>;
  /** The body's size when known (a file, a Content-Length): large plain imports prepare lines in a thread. */
  size?: number;
}

/** From this size a plain EventStream import prepares its lines in a thread beside the writes. */
export const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;

async function readAll(body: AsyncIterable<Uint8Array | string>, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += b.length;
    if (size > max)
      throw ValidationError.field(
        'body',
        `is larger than the ${max / 1024 / 1024} MB a source plugin may read`,
      );
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/**
 * An import as the API, the CLI and the web page ask for it: EventStream as it is, or a file (or a
 * .zip / .tar / .tar.gz of files) a source plugin turns into EventStream first (its lines then go
 * through the same checks and batches).
 * Problems a source reports beside the lines it produced are listed as rejected, by the line of the
 * file they were found on.
 */
export async function runEventStreamImport(
  ctx: AppContext,
  principal: Principal,
  request: EventStreamImportRequest,
  options: EventStreamImportOptions = {},
): Promise<EventStreamImportResult> {
  const db = ctx.database.db;
  const maxLineBytes = options.maxLineBytes ?? ctx.config.eventstreamMaxLineBytes;
  if (!request.source)
    return importEventStream(serviceContext(ctx, principal), principal, request.engagement, request.body, {
      parallel: (request.size ?? 0) >= PARALLEL_FROM_BYTES,
      ...options,
      maxLineBytes,
    });
  // Check the engagement before reading a large body or starting a plugin.
  const engagement = await eventstreamEngagement(db, principal, request.engagement, 'eventstream.add');
  const body = await readAll(request.body, MAX_SOURCE_BYTES);
  // An archive (a folder of transcripts, say) goes through the source file by file.
  const read = isArchive(body) ? runSourceOverArchive : runSource;
  const produced = await read(
    ctx,
    principal,
    engagement,
    { source: request.source, params: request.params ?? {}, filename: request.filename ?? 'upload' },
    body,
    options.signal,
  );
  const lines = produced.lines;
  const result = await importEventStream(
    serviceContext(ctx, principal),
    principal,
    request.engagement,
    (async function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
    { ...options, maxLineBytes: Number.MAX_SAFE_INTEGER },
  );
  for (const e of produced.errors)
    result.rejected.push({ line: e.line ?? 0, reason: `${e.entry ? `${e.entry}: ` : ''}${e.message}` });
  return result;
}
