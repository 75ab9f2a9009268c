export { createTestContext, type TestContext } from './test-context.ts';
