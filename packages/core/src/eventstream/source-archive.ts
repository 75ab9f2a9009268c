import type { AppContext } from '../app-context.ts';
import type { ArchiveLimits } from '../c2/archive/archive-limits.ts';
import { readArchive } from '../c2/archive/read-archive.ts';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { EventStreamEngagement } from './eventstream-engagement.ts';
import { MAX_SOURCE_BYTES, runSource, type SourceRequest } from './source-run.ts';
import type { SourceThreadReply } from './source-thread.ts';

/** An archive of files for a source (e.g. a day of PowerShell transcripts): capped like any upload. */
const SOURCE_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxExpandedBytes: MAX_SOURCE_BYTES,
  maxFileBytes: MAX_SOURCE_BYTES,
};

/** A .zip, .tar or .tar.gz, recognised by its content (the same rule as the archive reader's). */
export function isArchive(body: Buffer): boolean {
  const magic = body.subarray(0, 4).toString('latin1');
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) return true;
  if (magic === 'PK\x03\x04' || magic === 'PK\x05\x06') return true;
  return body.length >= 512 && body.subarray(257, 262).toString('latin1') === 'ustar';
}

/** macOS archive leftovers (resource forks), never a tool's output; dot files such as .bash_history are. */
function wanted(path: string): boolean {
  const parts = path.split('/');
  return !parts.includes('__MACOSX') && !parts.at(-1)?.startsWith('._');
}

/**
 * Runs a source over every file of an archive, with the safe archive reader (paths leaving the archive
 * refused, entries and expanded size capped). A file the source does not understand is reported by its
 * path and the others import; an archive with nothing the source understood is a 400, as for one file.
 */
export async function runSourceOverArchive(
  ctx: AppContext,
  principal: Principal,
  engagement: EventStreamEngagement,
  request: SourceRequest,
  body: Buffer,
  signal?: AbortSignal,
): Promise<SourceThreadReply> {
  const lines: string[] = [];
  const errors: SourceThreadReply['errors'] = [];
  const skipped = await readArchive(
    {
      name: request.filename,
      source: { kind: 'buffer', data: body },
      wanted,
      files: 'any file',
      limits: SOURCE_ARCHIVE_LIMITS,
    },
    async (path, data) => {
      signal?.throwIfAborted();
      try {
        const reply = await runSource(
          ctx,
          principal,
          engagement,
          { ...request, filename: path },
          data,
          signal,
        );
        for (const line of reply.lines) lines.push(line);
        for (const e of reply.errors) errors.push({ ...e, entry: e.entry ? `${path}: ${e.entry}` : path });
      } catch (error) {
        // Not understood: say which file, import the others.
        if (!(error instanceof ValidationError)) throw error;
        errors.push({
          entry: path,
          message: error.message.replace(/^source: /, '').replace(/ Nothing was imported\.$/, ''),
        });
      }
    },
  );
  for (const s of skipped) errors.push({ entry: s.entry, message: s.reason });
  if (lines.length === 0) {
    const first = errors
      .slice(0, 3)
      .map((e) => `${e.entry ? `${e.entry}: ` : ''}${e.message}`)
      .join('; ');
    throw ValidationError.field(
      'source',
      `no file of the archive ${request.filename} could be read by ${request.source}${first ? ` (${first})` : ' (it holds no files)'}. Nothing was imported.`,
    );
  }
  return { lines, errors };
}
