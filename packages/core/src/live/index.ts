export { type LiveMessage, sseFrame, toLiveMessage } from './live-message.ts';
export {
  type LiveSink,
  type LiveSource,
  LiveSubscription,
  type LiveSubscriptionOptions,
  MAX_REPLAY,
} from './live-subscription.ts';
export { messageFor } from './live-visibility.ts';
export { OUTBOX_CHANNEL, OutboxTail } from './outbox-tail.ts';
