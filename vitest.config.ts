import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores here: two forks keep the machine responsive and the PostgreSQL server fed.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'apps/**/*.test.ts',
            'packages/**/*.test.ts',
            'plugins/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/template/**'],
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
