// Where the CLI under test is, and how to call it non-interactively.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, tail } from './proc.mjs';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ROOT = path.resolve(BENCH_DIR, '..');

let installedBin;

/**
 * Builds the CLI from the current sources, packs it and installs the tarball
 * into `workDir/cli`: the CLI is measured as users run it (`npx` runs an
 * installed package, as create-vite and create-fastify are run here from
 * node_modules), not from this checkout. A checkout behaves differently: it
 * checks whether templates/ changed since the build, and an install once
 * hid a bundle that was never used at all.
 */
export async function installCli(log, workDir) {
  if (!fs.existsSync(path.join(CLI_ROOT, 'node_modules'))) {
    log('installing the CLI\'s dependencies (npm ci)');
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: CLI_ROOT, timeoutMs: 300_000 });
    if (ci.code !== 0) throw new Error(`npm ci of the CLI failed: ${tail(ci.stderr)}`);
  }
  log('building, packing and installing the CLI');
  const b = await run('npm', ['run', 'build'], { cwd: CLI_ROOT, timeoutMs: 120_000 });
  if (b.code !== 0) throw new Error(`CLI build failed: ${tail(b.stderr || b.stdout)}`);
  const dir = path.join(workDir, 'cli');
  fs.mkdirSync(dir, { recursive: true });
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: CLI_ROOT, timeoutMs: 120_000 });
  if (pack.code !== 0) throw new Error(`npm pack failed: ${tail(pack.stderr)}`);
  const tarball = path.join(dir, JSON.parse(pack.stdout)[0].filename);
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--omit=dev', '--prefix', dir, tarball], { cwd: dir, timeoutMs: 300_000 });
  if (install.code !== 0) throw new Error(`installing the packed CLI failed: ${tail(install.stderr)}`);
  installedBin = path.join(dir, 'node_modules', 'create-scaled-api', 'bin', 'create-scaled-api.js');
  if (!fs.existsSync(installedBin)) throw new Error(`the packed CLI has no ${path.relative(dir, installedBin)}`);
  return installedBin;
}

/** The installed CLI's bin script (after installCli). */
export function cliBin() {
  if (!installedBin) throw new Error('installCli() has not run');
  return installedBin;
}

/** Runs `create-scaled-api dir ...flags --json`; returns { ms, json, code, stderr }. */
export async function createProject(dir, flags, { timeoutMs = 600_000, cwd } = {}) {
  const r = await run(process.execPath, [cliBin(), dir, '--yes', '--json', ...flags], { cwd, env: { CI: 'true' }, timeoutMs });
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
