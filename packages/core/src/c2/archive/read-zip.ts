import yauzl from 'yauzl';
import type { C2Rejection } from '../c2-records.ts';
import { ArchiveBudget, DEFAULT_ARCHIVE_LIMITS, safeMemberPath } from './archive-limits.ts';
import type { ArchiveInput, OnFile } from './read-archive.ts';

type Opened = (err: Error | null, zip?: yauzl.ZipFile) => void;

/** A zip on disk is read where it lies (random access), one in memory from its buffer. */
function openZip(input: ArchiveInput, then: Opened): void {
  const options = { lazyEntries: true, strictFileNames: false, autoClose: true };
  if (input.source.kind === 'file') yauzl.open(input.source.path, options, then);
  else yauzl.fromBuffer(input.source.data, options, then);
}

/** A .zip, member by member (yauzl checks sizes against the central directory as it inflates). */
export function readZip(input: ArchiveInput, onFile: OnFile, rejected: C2Rejection[]): Promise<void> {
  const budget = new ArchiveBudget(input.limits ?? DEFAULT_ARCHIVE_LIMITS);
  return new Promise<void>((resolve) => {
    // Settling twice is harmless: the first answer stands.
    const done = () => resolve();
    const fail = (error: Error) => {
      rejected.push({ entry: input.name, reason: `the zip archive is damaged (${error.message})` });
      done();
    };
    openZip(input, (err, zip) => {
      if (err || !zip) return fail(err ?? new Error('unreadable'));
      zip.on('error', fail);
      zip.on('end', done);
      zip.on('entry', (entry: yauzl.Entry) => {
        const path = safeMemberPath(entry.fileName);
        if (path === null) {
          rejected.push({ entry: entry.fileName, reason: 'the path leaves the archive; skipped' });
          return zip.readEntry();
        }
        if (entry.fileName.endsWith('/') || !input.wanted(path)) return zip.readEntry();
        const stop = budget.admit(entry.uncompressedSize);
        if (stop) {
          rejected.push({ entry: path, reason: stop });
          zip.close();
          return done();
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            Promise.resolve(onFile(path, Buffer.concat(chunks))).then(
              () => zip.readEntry(),
              () => {
                // The consumer failed (readArchive rethrows its error): stop reading.
                zip.close();
                done();
              },
            );
          });
        });
      });
      zip.readEntry();
    });
  });
}
