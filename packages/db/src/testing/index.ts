export { createMigratedTestDatabase, insertBareEngagement } from './migrated-database.ts';
export { createTestDatabase, type TestDatabase, testDialects } from './test-databases.ts';
