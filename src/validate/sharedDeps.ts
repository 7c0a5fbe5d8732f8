import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { StepError } from '../errors.js';
import { seconds } from '../utils/format.js';
import { tail } from '../utils/format.js';
import { onInterrupt } from '../utils/interrupts.js';
import { textOf } from './project.js';
import type { Rendered } from './runCombination.js';

/** The union of what every rendered combination's package.json asks for. */
export interface DependencySet {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides: Record<string, unknown>;
  /** Same package, different versions in two combinations: the first one wins, noted here. */
  conflicts: string[];
}

export function emptyDependencySet(): DependencySet {
  return { dependencies: {}, devDependencies: {}, overrides: {}, conflicts: [] };
}

export function addPackageJson(set: DependencySet, text: string): void {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; overrides?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return; // The json check reports it.
  }
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const [name, version] of Object.entries(pkg[field] ?? {})) {
      const seen = set.dependencies[name] ?? set.devDependencies[name];
      if (seen === undefined) set[field][name] = version;
      else if (seen !== version && !set.conflicts.includes(name)) set.conflicts.push(`${name} (${seen} vs ${version})`);
    }
  }
  Object.assign(set.overrides, pkg.overrides ?? {});
}

export function hashOf(set: DependencySet): string {
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const key = JSON.stringify([sorted(set.dependencies), sorted(set.devDependencies), sorted(set.overrides), process.version.split('.')[0]]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function cacheDirFor(set: DependencySet): string {
  return join(tmpdir(), `create-scaled-api-validate-${hashOf(set)}`);
}

export function isInstalled(dir: string): boolean {
  return existsSync(join(dir, '.complete')) && existsSync(join(dir, 'node_modules'));
}

/**
 * Installs the union of dependencies once into a cache folder named after its
 * hash, so every combination (and every later run) links the same
 * node_modules. Installed beside the final folder and renamed into place:
 * two runs racing (parallel test files) never see a half-installed tree.
 */
export async function installShared(set: DependencySet, options: { fresh: boolean; verbose: boolean }): Promise<string> {
  const dir = cacheDirFor(set);
  if (isInstalled(dir) && !options.fresh) return dir;
  const staging = await mkdtemp(`${dir}.staging-`);
  const forget = onInterrupt(() => void rm(staging, { recursive: true, force: true }));
  try {
    const pkg = {
      name: 'create-scaled-api-validate-deps',
      private: true,
      type: 'module',
      dependencies: set.dependencies,
      devDependencies: set.devDependencies,
      ...(Object.keys(set.overrides).length ? { overrides: set.overrides } : {}),
    };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const result = await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: staging,
      all: true,
      reject: false,
      stdin: 'ignore',
      env: { CI: 'true', npm_config_update_notifier: 'false' },
      ...(options.verbose ? { stdout: ['pipe', 'inherit'], stderr: ['pipe', 'inherit'] } : {}),
    });
    if (result.failed) {
      throw new StepError(`npm install of the generated dependencies failed (exit ${result.exitCode ?? result.signal}).`, undefined, tail(result.all));
    }
    // npm makes no node_modules for an empty set; typecheck still links one.
    await mkdir(join(staging, 'node_modules'), { recursive: true });
    await writeFile(join(staging, '.complete'), new Date().toISOString());
    // A stale folder (fresh install asked, or an interrupted run's leftovers) is
    // moved aside first and deleted after, so a run still using it is never left
    // with a half-deleted tree for longer than one rename.
    const old = `${dir}.old-${process.pid}`;
    if (existsSync(dir) && (options.fresh || !isInstalled(dir))) await rename(dir, old).catch(() => undefined);
    try {
      await rename(staging, dir);
    } catch {
      // Another run finished first with the same dependency set: use its tree.
      if (!isInstalled(dir)) throw new StepError(`Could not move the shared install into ${dir}.`);
    } finally {
      await rm(old, { recursive: true, force: true });
    }
    return dir;
  } finally {
    await rm(staging, { recursive: true, force: true });
    forget();
  }
}

/**
 * The node_modules every combination links: the union of their package.json
 * dependencies, installed once (or reused from an earlier run unless `fresh`).
 */
export async function sharedNodeModules(rendered: readonly Rendered[], options: { fresh: boolean; verbose: boolean }, notice: (text: string) => void): Promise<string> {
  const deps = emptyDependencySet();
  for (const r of rendered) {
    const pkg = r.files?.find((f) => f.path === 'package.json');
    if (pkg) addPackageJson(deps, textOf(pkg));
  }
  if (deps.conflicts.length) notice(`note: combinations pin different versions of ${deps.conflicts.join(', ')}; the first one is installed`);
  const cached = isInstalled(cacheDirFor(deps)) && !options.fresh;
  const count = Object.keys(deps.dependencies).length + Object.keys(deps.devDependencies).length;
  if (!cached) notice(`Installing the generated dependencies once (${count} packages) into ${cacheDirFor(deps)} …`);
  const started = performance.now();
  const dir = await installShared(deps, options);
  const ms = performance.now() - started;
  notice(cached ? `Using the cached install in ${dir}` : `Installed in ${seconds(ms)}; later runs reuse it${options.fresh ? '' : ' (--install refreshes it)'}`);
  return join(dir, 'node_modules');
}
