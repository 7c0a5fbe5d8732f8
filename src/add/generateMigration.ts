import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManager } from '../answers/types.js';
import { StepError } from '../errors.js';
import { MIGRATIONS_DIR } from '../plan/rules.js';
import { tail } from '../utils/format.js';

export type MigrationOutcome = { done: true; files: string[] } | { done: false; why: string };

/** The name drizzle-kit gives the migration file: `0001_add_orders.sql`. */
export const migrationName = (table: string) => `add_${table}`;

/** How the user makes the migration by hand, with the project's own package manager. */
export function migrationCommand(pm: PackageManager, table: string): string {
  const args = `--name ${migrationName(table)}`;
  return pm === 'npm' ? `npm run db:generate -- ${args}` : `${pm} run db:generate ${args}`;
}

const sqlFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sql')) : []);

/**
 * Runs the project's own drizzle-kit, which compares src/database/schema.ts
 * with the last snapshot and writes the SQL for the new table: the migration
 * is the one the project would make itself, not a copy of ours.
 */
export async function generateMigration(projectDir: string, table: string): Promise<MigrationOutcome> {
  const bin = join(projectDir, 'node_modules/.bin/drizzle-kit');
  if (!existsSync(bin)) return { done: false, why: 'the dependencies are not installed' };
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
  return { done: true, files };
}
