// Generated projects the service cases run: generate, install, build, migrate.
import fs from 'node:fs';
import path from 'node:path';
import { createProject } from './cli.mjs';
import { run, tail } from './proc.mjs';

/** Generates, installs and builds one project; returns { dir } or { error }. */
/**
 * linkModulesFrom (quick mode only): skip this project's own install and link
 * another generated project's node_modules (a superset here: same pinned
 * versions, plus the Redis client this one never imports).
 */
export async function prepareProject(workDir, name, flags, log, reuseDir, linkModulesFrom) {
  if (reuseDir) {
    // For template authors: bench an already installed and built project as it is.
    log(`using ${reuseDir} as ${name} (not generated)`);
    if (!fs.existsSync(path.join(reuseDir, 'dist', 'main.js'))) return { dir: reuseDir, error: `${reuseDir} has no dist/main.js (build it first)` };
    return { dir: reuseDir, reused: true };
  }
  const dir = path.join(workDir, name);
  log(`generating ${name} (${flags.join(' ') || 'defaults'}) + ${linkModulesFrom ? 'linked node_modules' : 'install'} + build`);
  const gen = await createProject(dir, ['--no-git', '--no-smoke', '--pm', 'npm', ...(linkModulesFrom ? ['--no-install'] : []), ...flags], { timeoutMs: 600_000 });
  if (gen.code === 0 && linkModulesFrom) fs.symlinkSync(path.join(linkModulesFrom, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (gen.code !== 0) return { dir, error: `generate/install failed (exit ${gen.code}): ${gen.json?.error?.message ?? tail(gen.stderr)}` };
  if (!fs.existsSync(path.join(dir, 'node_modules', 'fastify'))) return { dir, error: 'generated project has no node_modules/fastify after install' };
  const build = await run('npm', ['run', 'build'], { cwd: dir, timeoutMs: 300_000 });
  if (build.code !== 0) return { dir, error: `npm run build failed: ${tail(build.stdout + build.stderr)}` };
  if (!fs.existsSync(path.join(dir, 'dist', 'main.js'))) return { dir, error: 'npm run build wrote no dist/main.js' };
  return { dir };
}

/** `npm run migrate` against DATABASE_URL. */
export async function migrate(dir, databaseUrl) {
  const r = await run('npm', ['run', 'migrate'], { cwd: dir, env: { DATABASE_URL: databaseUrl }, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`npm run migrate failed: ${tail(r.stdout + r.stderr)}`);
}
