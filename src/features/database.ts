import { choice } from './answer.js';
import type { Feature } from './types.js';

export const dbChoices = ['postgres', 'none'] as const;
export type Db = (typeof dbChoices)[number];

export const database: Feature = {
  id: 'database',
  answer: choice({
    key: 'db',
    choices: dbChoices,
    default: 'postgres',
    flag: 'database: PostgreSQL (PGlite when DATABASE_URL is unset)',
    schema: 'Database: postgres is PostgreSQL in production and embedded PGlite when DATABASE_URL is unset; none has no database.',
    prompt: {
      kind: 'select',
      message: 'Database',
      summary: 'database',
      options: [
        { value: 'postgres', label: 'PostgreSQL', hint: 'embedded PGlite when DATABASE_URL is unset' },
        { value: 'none', label: 'None', hint: 'in-process store, one per replica' },
      ],
    },
  }),
  parts: [
    {
      name: 'database',
      when: (a) => a.db === 'postgres',
      // PGlite and pglite-socket are runtime dependencies: whenever DATABASE_URL
      // is unset the service serves PGlite from a worker thread over a socket.
      files: ['src/database/', 'drizzle.config.ts', 'scripts/cluster/database.ts', 'scripts/cluster/pgliteServer.ts', 'test/cluster-pglite.test.ts', 'src/resources/sql-repository.ts'],
      dependencies: ['drizzle-orm', 'pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
      devDependencies: ['@types/pg', 'drizzle-kit'],
    },
    // Without a database each replica keeps its resources in its own memory.
    { name: 'memoryStore', when: (a) => a.db === 'none', files: ['src/resources/memory-repository.ts'] },
  ],
};
