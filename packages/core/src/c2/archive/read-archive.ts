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

/** Called with each regular file the archive holds that `wanted` accepts, in archive order. */
export type OnFile = (path: string, data: Buffer) => void;

export interface ArchiveInput {
  /** The uploaded file's name (a single log is recognised by it). */
  name: string;
  data: Buffer;
  wanted: (path: string) => boolean;
  limits?: ArchiveLimits;
}

function isTar(data: Buffer): boolean {
  return data.length >= 512 && data.subarray(257, 262).toString('latin1') === 'ustar';
}

async function readTar(source: Readable, input: ArchiveInput, onFile: OnFile, rejected: C2Rejection[]) {
  const budget = new ArchiveBudget(input.limits ?? DEFAULT_ARCHIVE_LIMITS);
  const extract = tar.extract();
  let stop: string | null = null;
  extract.on('entry', (header, stream, next) => {
    const path = safeMemberPath(header.name);
    const wanted = header.type === 'file' && path !== null && input.wanted(path);
    if (header.type === 'file' && path === null)
      rejected.push({ entry: header.name, reason: 'the path leaves the archive; skipped' });
    if (!wanted || stop) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    stop = budget.admit(header.size ?? 0);
    if (stop) {
      rejected.push({ entry: path, reason: stop });
      stream.resume();
      stream.on('end', next);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (c) => {
      chunks.push(c as Buffer);
    });
    stream.on('end', () => {
      onFile(path, Buffer.concat(chunks));
      next();
    });
  });
  await new Promise<void>((resolve) => {
    const fail = (error: Error) => {
      rejected.push({
        entry: input.name,
        reason: `the archive is truncated or corrupt (${error.message}); the files before the damage were read`,
      });
      resolve();
    };
    source.on('error', fail);
    extract.on('error', fail);
    extract.on('finish', resolve);
    source.pipe(extract);
  });
}

/**
 * Reads a .tar, .tar.gz or .zip (recognised by content, not by name), or a single file, and hands every
 * wanted regular file to `onFile`. A damaged archive, a path leaving it or a cap passed is reported
 * as rejected; what was read before stays read.
 */
export async function readArchive(input: ArchiveInput, onFile: OnFile): Promise<C2Rejection[]> {
  const rejected: C2Rejection[] = [];
  const { data } = input;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    await readTar(Readable.from([data]).pipe(createGunzip()), input, onFile, rejected);
  } else if (
    data.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ||
    data.subarray(0, 4).toString('latin1') === 'PK\x05\x06'
  ) {
    await readZip(input, onFile, rejected);
  } else if (isTar(data)) {
    await readTar(Readable.from([data]), input, onFile, rejected);
  } else if (input.wanted(input.name)) {
    onFile(input.name, data);
  } else {
    rejected.push({
      entry: input.name,
      reason: 'not a .tar, .tar.gz or .zip archive, nor a beacon_*.log, ssh_*.log or downloads.log',
    });
  }
  return rejected;
}
