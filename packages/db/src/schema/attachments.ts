import type { Generated } from 'kysely';

/**
 * A file attached to an event. `content_type` is sniffed from the bytes, never taken from the client.
 * Red team only until shared (`shared` = 1); the blue team never sees an unshared one.
 */
export interface AttachmentTable {
  id: Generated<number>;
  engagement_id: number;
  event_id: number;
  filename: string;
  size: number;
  /** Hex SHA-256 of the bytes; also chained into the event's history. */
  sha256: string;
  content_type: string;
  shared: Generated<number>;
  /** 'db': bytes in attachment_chunk; 's3': bytes in the bucket under storage_key. */
  storage: Generated<string>;
  storage_key: string | null;
  created_by: number | null;
  created_at: number;
}

/** A database-stored attachment's bytes, `seq` 0, 1, 2… in order. */
export interface AttachmentChunkTable {
  attachment_id: number;
  seq: number;
  bytes: Buffer;
}

export interface AttachmentsTables {
  attachment: AttachmentTable;
  attachment_chunk: AttachmentChunkTable;
}
