import type { Feature } from './types.js';

export const database: Feature = {
  id: 'database',
  enabled: (a) => a.db === 'postgres',
  files: ['src/database/', 'drizzle.config.ts'],
  dependencies: [],
  devDependencies: [],
};
