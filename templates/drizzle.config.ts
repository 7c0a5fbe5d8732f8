import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes in src/models into a new SQL migration;
// commit it. The same files migrate PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/database/schema.ts',
  out: './src/database/migrations',
});
