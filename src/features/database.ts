import type { Feature } from './types.js';

export const database: Feature = {
  id: 'database',
  enabled: (a) => a.db === 'postgres',
  // PGlite and pglite-socket are runtime dependencies: whenever DATABASE_URL
  // is unset the service serves PGlite from a worker thread over a socket.
  files: ['src/database/', 'drizzle.config.ts', 'scripts/cluster/database.ts', 'scripts/cluster/pgliteServer.ts', 'test/cluster-pglite.test.ts'],
  dependencies: ['drizzle-orm', 'pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  devDependencies: ['@types/pg', 'drizzle-kit'],
};
