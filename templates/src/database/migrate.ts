import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './connection.js';

// Resolved next to this module, so it works from src/ (tsx) and from dist/
// (the build copies the SQL files alongside the compiled code).
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Embedded PGlite is reached through node-postgres as well, so one migrator serves both.
export async function runMigrations(database: Database): Promise<void> {
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  await migrate(database.db as unknown as NodePgDatabase, { migrationsFolder });
}

// `npm run migrate` (or `node dist/database/migrate.js` in a production image).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadConfig } = await import('../config.js');
  const { openDatabase } = await import('./connection.js');
  try {
    const database = await openDatabase({ ...loadConfig(), poolSize: 1 });
    try {
      await runMigrations(database);
      console.log(`migrations applied (${database.kind})`);
    } finally {
      await database.close();
    }
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`migration failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${cause}`);
    process.exitCode = 1;
  }
}
