export { createTestDatabase, type TestDatabase, testDialects } from './test-databases.ts';
