import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManager } from '../answers/types.js';
import { StepError } from '../errors.js';
import { MIGRATIONS_DIR } from '../plan/rules.js';
import { tail } from '../utils/format.js';

/** The name drizzle-kit gives the migration file: `0001_add_orders.sql`. */
export const migrationName = (table: string) => `add_${table}`;

/** How the user makes the migration by hand, with the project's own package manager. */
export function migrationCommand(pm: PackageManager, table: string): string {
  const args = `--name ${migrationName(table)}`;
  return pm === 'npm' ? `npm run db:generate -- ${args}` : `${pm} run db:generate ${args}`;
}

const drizzleKitOf = (projectDir: string) => join(projectDir, 'node_modules/.bin/drizzle-kit');

/** The project's own drizzle-kit is there once its dependencies are installed. */
export const hasDrizzleKit = (projectDir: string) => existsSync(drizzleKitOf(projectDir));

const sqlFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sql')) : []);

/**
 * Runs the project's own drizzle-kit, which compares src/database/schema.ts
 * with the last snapshot and writes the SQL for the new table: the migration
 * is the one the project would make itself, not a copy of ours.
 */
export async function generateMigration(projectDir: string, table: string): Promise<string[]> {
  const bin = drizzleKitOf(projectDir);
  const dir = join(projectDir, MIGRATIONS_DIR);
  const before = new Set(sqlFiles(dir));
  const { execa } = await import('execa');
  const r = await execa(bin, ['generate', '--name', migrationName(table)], {
    cwd: projectDir,
    reject: false,
    stdin: 'ignore',
    all: true,
  });
  if (r.failed) throw new StepError(`drizzle-kit generate failed (exit ${r.exitCode ?? r.signal}).`, undefined, tail(r.all));
  const files = sqlFiles(dir).filter((f) => !before.has(f)).map((f) => `${MIGRATIONS_DIR}${f}`);
  if (files.length === 0) throw new StepError('drizzle-kit generate wrote no migration: src/database/schema.ts may not list the new table.', undefined, tail(r.all));
  return files;
}
