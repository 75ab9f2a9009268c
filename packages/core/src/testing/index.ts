export { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../webhooks/testing/receiver.ts';
export { createTestContext, type TestContext } from './test-context.ts';
