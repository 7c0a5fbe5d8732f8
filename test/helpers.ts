import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll } from 'vitest';

export const repoRoot = resolve(import.meta.dirname, '..');
export const cliBin = join(repoRoot, 'bin/create-scaled-api.js');
export const templatesDir = join(repoRoot, 'templates');

/** A fresh temp folder per test file, removed afterwards. */
export function useTempDir(prefix = 'csa-test-'): () => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Runs the built CLI as a user would in CI: no TTY, no stdin. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return execa('node', [cliBin, ...args], {
    cwd: options.cwd,
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', ...options.env },
  });
}

export const quick = ['--no-install', '--no-git', '--no-smoke'];

export async function listFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}
