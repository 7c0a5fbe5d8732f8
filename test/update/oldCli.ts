import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../helpers.js';

/** The version the older CLI says it is; below the running one, so update takes it as a project to bring forward. */
export const OLD_VERSION = '0.0.9';

const skipped = new Set(['node_modules', 'dist', '.git', 'bench']);

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

/**
 * Builds create-scaled-api 0.0.9 from a copy of this repository whose
 * templates differ the way a release's do: a changed line (nginx), a file
 * the next version drops (docs/OLD.md, docs/TUNED.md), one it adds (the
 * template-update workflow), a line a user edit will clash with
 * (.env.example), and changed package.json, lockfile and first migration.
 * Returns the copy's folder; its bin is bin/create-scaled-api.js.
 */
export async function buildOldCli(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  cpSync(repoRoot, dir, { recursive: true, filter: (src) => src === repoRoot || !skipped.has(src.slice(repoRoot.length + 1).split('/')[0]!) });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  const t = join(dir, 'templates');
  edit(join(dir, 'package.json'), (s) => s.replace(/"version": "[^"]+"/, `"version": "${OLD_VERSION}"`));
  edit(join(t, 'deploy/nginx/nginx.conf.hbs'), (s) => s.replace(/worker_connections \d+;/, 'worker_connections 777;'));
  edit(join(t, '.env.example.hbs'), (s) => s.replace('LOG_LEVEL=info', 'LOG_LEVEL=debug'));
  edit(join(t, 'package.json.hbs'), (s) => s.replace('"version": "0.1.0"', '"version": "0.0.1"'));
  edit(join(t, 'package-lock.json.hbs'), (s) => s.replace('"version": "0.1.0"', '"version": "0.0.1"'));
  edit(join(t, 'src/database/migrations/0000_init.sql.hbs'), (s) => `-- made by 0.0.9\n${s}`);
  mkdirSync(join(t, 'docs'));
  writeFileSync(join(t, 'docs/OLD.md'), 'old\n');
  writeFileSync(join(t, 'docs/TUNED.md'), 'tuned\n');
  rmSync(join(t, '.github/workflows/template-update.yml.hbs'));
  await execa('npm', ['run', 'build'], { cwd: dir });
  return dir;
}
