// Where the CLI under test is, and how to call it non-interactively.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, tail } from './proc.mjs';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ROOT = path.resolve(BENCH_DIR, '..');
export const CLI_BIN = path.join(CLI_ROOT, 'bin', 'create-scaled-api.js');

/** Builds the CLI when its dist/ is missing (a fresh clone). */
export async function ensureCliBuilt(log) {
  if (fs.existsSync(path.join(CLI_ROOT, 'dist', 'index.js'))) return;
  log('building the CLI (dist/ missing)');
  if (!fs.existsSync(path.join(CLI_ROOT, 'node_modules'))) {
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: CLI_ROOT, timeoutMs: 300_000 });
    if (ci.code !== 0) throw new Error(`npm ci of the CLI failed: ${tail(ci.stderr)}`);
  }
  const b = await run('npm', ['run', 'build'], { cwd: CLI_ROOT, timeoutMs: 120_000 });
  if (b.code !== 0) throw new Error(`CLI build failed: ${tail(b.stderr || b.stdout)}`);
}

/** Runs `create-scaled-api dir ...flags --json`; returns { ms, json, code, stderr }. */
export async function createProject(dir, flags, { timeoutMs = 600_000, cwd } = {}) {
  const r = await run(process.execPath, [CLI_BIN, dir, '--yes', '--json', ...flags], { cwd, env: { CI: 'true' }, timeoutMs });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    /* not JSON */
  }
  return { ms: r.ms, code: r.code, json, stderr: r.stderr };
}

export function countFiles(dir) {
  let n = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      if (e.isDirectory()) walk(path.join(d, e.name));
      else n++;
    }
  };
  walk(dir);
  return n;
}
