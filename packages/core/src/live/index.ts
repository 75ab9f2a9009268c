export { type LiveMessage, sseFrame, toLiveMessage } from './live-message.ts';
export { OUTBOX_CHANNEL, OutboxTail } from './outbox-tail.ts';
