import { defineConfig } from 'vitest/config';

// Slow suites: real installs, real servers, and (when their env is set) real
// PostgreSQL, Redis and nginx. Run by .ci/run after `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
