import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // All files run in one process, one after another, so they share a single
    // database (a fresh in-memory PGlite takes seconds to start) and never
    // race on its tables.
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
