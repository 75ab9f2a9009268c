/**
 * `attachment.storage` of a database upload whose bytes are still arriving (or were abandoned): its chunk
 * rows are written in short transactions as the body streams in, and the row becomes 'db' (with its
 * size, hash, type and history revision) only in the last one. Every reader skips such rows; a refused
 * or aborted upload deletes its row at once, and the sweep removes any a crash left behind.
 */
export const PENDING_STORAGE = 'pending';

/** How long a pending row may stand before the sweep takes it for abandoned (no upload takes a day). */
export const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;
