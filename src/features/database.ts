import type { Feature } from './types.js';

export const database: Feature = {
  id: 'database',
  enabled: (a) => a.db === 'postgres',
  // PGlite is a runtime dependency: the service falls back to it whenever DATABASE_URL is unset.
  // pglite-socket only serves that folder to the replicas of the local cluster.
  files: ['src/database/', 'drizzle.config.ts'],
  dependencies: ['drizzle-orm', 'pg', '@electric-sql/pglite'],
  devDependencies: ['@types/pg', 'drizzle-kit', '@electric-sql/pglite-socket'],
};
