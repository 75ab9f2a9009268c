export { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../webhooks/testing/receiver.ts';
export { createSelfSignedCert, type SelfSignedCert } from './self-signed-cert.ts';
export { createTestContext, type TestContext } from './test-context.ts';
export { arrangeOperator, insertTestUser, type TestOperator } from './test-operator.ts';
