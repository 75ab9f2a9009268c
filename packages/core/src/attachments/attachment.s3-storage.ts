import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** Where attachments go when ATTACHMENTS_S3_URL is set, parsed once. */
export interface S3Location {
  endpoint: string;
  bucket: string;
  /** Prepended to every object key ('' or ending in '/'). */
  prefix: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * `http(s)://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=…]`. Path-style addressing, which
 * every S3-compatible server understands; without key and secret the SDK's usual credential chain
 * (environment, instance role) applies.
 */
export function parseS3Url(url: string): S3Location {
  const u = new URL(url);
  const [bucket, ...rest] = u.pathname.replace(/^\/+/, '').split('/');
  if (!bucket) throw new Error('ATTACHMENTS_S3_URL must name the bucket as its first path segment');
  const prefix = rest.filter(Boolean).join('/');
  return {
    endpoint: `${u.protocol}//${u.host}`,
    bucket,
    prefix: prefix ? `${prefix}/` : '',
    region: u.searchParams.get('region') ?? 'us-east-1',
    ...(u.username
      ? {
          credentials: {
            accessKeyId: decodeURIComponent(u.username),
            secretAccessKey: decodeURIComponent(u.password),
          },
        }
      : {}),
  };
}

/** Object storage for attachments: put a spooled file, read it back as a stream, remove it. */
export class S3AttachmentStore {
  readonly location: S3Location;
  private readonly client: S3Client;

  constructor(url: string) {
    this.location = parseS3Url(url);
    this.client = new S3Client({
      endpoint: this.location.endpoint,
      region: this.location.region,
      forcePathStyle: true,
      ...(this.location.credentials ? { credentials: this.location.credentials } : {}),
      // Checksums only where S3 requires them: many S3-compatible servers do not understand the
      // aws-chunked trailers the SDK would otherwise send with every streamed upload.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Everything that waits has a deadline.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  }

  keyFor(name: string): string {
    return `${this.location.prefix}${name}`;
  }

  /** Streams the file up as a multipart upload (8 MiB parts, two in flight: memory stays flat). */
  async put(key: string, file: string, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.location.bucket,
        Key: key,
        Body: fs.createReadStream(file),
        ContentType: contentType,
      },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    });
    await upload.done();
  }

  /** The object's bytes, or the inclusive byte range of them. */
  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.location.bucket,
        Key: key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    );
    if (!out.Body) throw new Error(`attachment object ${key} has no body`);
    return out.Body as Readable;
  }

  /** Removes objects one by one (DeleteObjects needs checksums some servers reject); missing is fine. */
  async remove(keys: readonly string[]): Promise<void> {
    for (const key of keys)
      await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}

const stores = new Map<string, S3AttachmentStore>();

/** One client per bucket URL for the process (keeps its connection pool); created on first use. */
export function s3StoreFor(url: string): S3AttachmentStore {
  let store = stores.get(url);
  if (!store) {
    store = new S3AttachmentStore(url);
    stores.set(url, store);
  }
  return store;
}
