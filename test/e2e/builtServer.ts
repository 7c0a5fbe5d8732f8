import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { afterAll, expect } from 'vitest';
import { freePort } from '../../src/utils/freePort.js';
import { E2E_JWT_SECRET } from './account.js';

/**
 * A database per test on the machine's PostgreSQL, dropped when the file's
 * tests end: CI's server outlives every run, and runs must not see each other.
 */
export function useFreshDatabases(prefix: string): (adminUrl: string) => string {
  const databases: { adminUrl: string; name: string }[] = [];
  afterAll(() => {
    for (const { adminUrl, name } of databases) execFileSync('psql', [adminUrl, '-qc', `drop database if exists ${name} with (force)`]);
  });
  return (adminUrl) => {
    const name = `${prefix}_${process.pid}_${Date.now()}_${databases.length}`;
    execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `create database ${name}`]);
    databases.push({ adminUrl, name });
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
}

/**
 * Starts a generated project's `node dist/main.js` in production mode and
 * waits until it is ready; `stop()` expects a clean exit. A new PGlite takes
 * seconds to start, many more on a busy machine, hence the long wait.
 */
export async function startBuilt(project: string, env: Record<string, string | undefined>) {
  const port = await freePort();
  const server = execa('node', ['dist/main.js'], {
    cwd: project,
    reject: false,
    all: true,
    env: { PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: E2E_JWT_SECRET, ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (const deadline = Date.now() + 120_000; !up && server.exitCode === null && Date.now() < deadline; ) {
    up = await fetch(`${url}/health/ready`).then((res) => res.ok, () => false);
    if (!up) await new Promise((res) => setTimeout(res, 200));
  }
  if (!up) {
    server.kill('SIGKILL');
    expect.fail(`the built server did not become ready:\n${(await server).all}`);
  }
  return {
    url,
    pid: server.pid,
    stop: async () => {
      server.kill('SIGTERM');
      const done = await server;
      expect(done.exitCode, done.all).toBe(0);
    },
  };
}
