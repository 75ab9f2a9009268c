import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { C2Rejection } from '../c2-records.ts';
import {
  ArchiveBudget,
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  safeMemberPath,
} from './archive-limits.ts';
import { readZip } from './read-zip.ts';

/**
 * Called with each regular file the archive holds that `wanted` accepts, in archive order; the next
 * member is read only once the promise settles, so a slow consumer holds back the archive (flat memory).
 */
export type OnFile = (path: string, data: Buffer) => Promise<void> | void;

/** The archive's bytes: in memory (an API body), or a file read as a stream (the CLI). */
export type ArchiveSource = { kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string };

export interface ArchiveInput {
  /** The uploaded file's name (a single log is recognised by it). */
  name: string;
  source: ArchiveSource;
  wanted: (path: string) => boolean;
  /** What `wanted` accepts, for the message when a single file is not one of them. */
  files: string;
  limits?: ArchiveLimits;
}

function isTar(head: Buffer): boolean {
  return head.length >= 512 && head.subarray(257, 262).toString('latin1') === 'ustar';
}

/** The first 512 bytes, enough to tell gzip, zip and tar apart. */
function headOf(source: ArchiveSource): Buffer {
  if (source.kind === 'buffer') return source.data.subarray(0, 512);
  const fd = fs.openSync(source.path, 'r');
  try {
    const head = Buffer.alloc(512);
    return head.subarray(0, fs.readSync(fd, head, 0, 512, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function streamOf(source: ArchiveSource): Readable {
  return source.kind === 'buffer'
    ? Readable.from([source.data])
    : fs.createReadStream(source.path, { highWaterMark: 1024 * 1024 });
}

async function readTar(source: Readable, input: ArchiveInput, onFile: OnFile, rejected: C2Rejection[]) {
  const budget = new ArchiveBudget(input.limits ?? DEFAULT_ARCHIVE_LIMITS);
  const extract = tar.extract();
  let stop: string | null = null;
  await new Promise<void>((resolve) => {
    // Settling twice is harmless: the first answer stands.
    const done = () => resolve();
    const fail = (error: Error) => {
      rejected.push({
        entry: input.name,
        reason: `the archive is truncated or corrupt (${error.message}); the files before the damage were read`,
      });
      source.unpipe(extract);
      source.destroy();
      done();
    };
    extract.on('entry', (header, stream, next) => {
      const path = safeMemberPath(header.name);
      const wanted = header.type === 'file' && path !== null && input.wanted(path);
      if (header.type === 'file' && path === null)
        rejected.push({ entry: header.name, reason: 'the path leaves the archive; skipped' });
      const skip = () => {
        stream.on('end', next);
        stream.resume();
      };
      if (!wanted || stop) return skip();
      stop = budget.admit(header.size ?? 0);
      if (stop) {
        rejected.push({ entry: path, reason: stop });
        return skip();
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        Promise.resolve(onFile(path, Buffer.concat(chunks))).then(
          () => next(),
          (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
        );
      });
    });
    source.on('error', fail);
    extract.on('error', (error) => {
      // An error thrown by the consumer (a database failure) is not damage in the archive: stop
      // reading and let readArchive rethrow it.
      if (!(error as { fromConsumer?: boolean }).fromConsumer) return fail(error);
      source.unpipe(extract);
      source.destroy();
      done();
    });
    extract.on('finish', done);
    source.pipe(extract);
  });
}

/**
 * Reads a .tar, .tar.gz or .zip (recognised by content, not by name), or a single file, and hands every
 * wanted regular file to `onFile`, one at a time. A damaged archive, a path leaving it or a cap passed
 * is reported as rejected; what was read before stays read.
 */
export async function readArchive(input: ArchiveInput, onFile: OnFile): Promise<C2Rejection[]> {
  const rejected: C2Rejection[] = [];
  const head = headOf(input.source);
  let consumerError: unknown = null;
  const guarded: OnFile = async (path, data) => {
    try {
      await onFile(path, data);
    } catch (error) {
      consumerError = error;
      throw Object.assign(new Error('import stopped'), { fromConsumer: true });
    }
  };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    await readTar(streamOf(input.source).pipe(createGunzip()), input, guarded, rejected);
  } else if (
    head.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ||
    head.subarray(0, 4).toString('latin1') === 'PK\x05\x06'
  ) {
    await readZip(input, guarded, rejected);
  } else if (isTar(head)) {
    await readTar(streamOf(input.source), input, guarded, rejected);
  } else if (input.wanted(input.name)) {
    const limits = input.limits ?? DEFAULT_ARCHIVE_LIMITS;
    const size =
      input.source.kind === 'buffer' ? input.source.data.length : fs.statSync(input.source.path).size;
    if (size > limits.maxFileBytes)
      rejected.push({ entry: input.name, reason: `the file is larger than ${limits.maxFileBytes} bytes` });
    else
      await onFile(
        input.name,
        input.source.kind === 'buffer' ? input.source.data : fs.readFileSync(input.source.path),
      );
  } else {
    rejected.push({
      entry: input.name,
      reason: `not a .tar, .tar.gz or .zip archive, nor a ${input.files}`,
    });
  }
  if (consumerError) throw consumerError;
  return rejected;
}
