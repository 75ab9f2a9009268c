export { jsonNumber } from './json-field.ts';
export { containsText, escapeLike, startsWithText } from './like.ts';
export { multiRowInsertText } from './multi-row-insert.ts';
export { type ChannelListener, listenChannel, notifyChannel } from './notify.ts';
export { lockRows, lockRowsSkipLocked } from './row-locks.ts';
export { vacuumInto, vacuumIntoOffThread } from './sqlite-backup.ts';
export { lockTransaction } from './transaction-lock.ts';
export { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.ts';
