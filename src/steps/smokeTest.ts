import type { ResultPromise } from 'execa';
import { StepError } from '../errors.js';
import { freePort } from '../utils/freePort.js';
import { tail } from '../utils/format.js';
import { onInterrupt } from '../utils/interrupts.js';

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface SmokeResult {
  url: string;
  startupMs: number;
  output: string;
}

async function waitForLive(url: string, server: ResultPromise, deadline: number): Promise<void> {
  let exited = false;
  void server.finally(() => (exited = true)).catch(() => undefined);
  while (Date.now() < deadline) {
    if (exited) throw new Error('the server exited before it answered /health/live');
    try {
      const res = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer /health/live within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function stop(server: ResultPromise): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await server.catch(() => undefined);
  clearTimeout(timer);
}

/** How to start the server: from its sources right after install, or the build (validate --smoke). */
export const fromSources = ['--import', 'tsx', 'src/main.ts'];
export const fromBuild = ['dist/main.js'];

/**
 * Starts the generated server on a free port, with the embedded defaults
 * (no DATABASE_URL, no REDIS_URL, so the user's services are never written
 * to), and runs the project's own scripts/smoke.mjs at it.
 */
export async function smokeTest(projectDir: string, entry: string[] = fromSources): Promise<SmokeResult> {
  // Loaded here so runs without an install or smoke step never pay for execa.
  const { execa } = await import('execa');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  const server = execa('node', entry, {
    cwd: projectDir,
    env,
    extendEnv: false,
    all: true,
    reject: false,
    stdin: 'ignore',
  });
  const forget = onInterrupt(() => server.kill('SIGKILL'));
  const started = Date.now();
  try {
    try {
      await waitForLive(url, server, started + STARTUP_TIMEOUT_MS);
    } catch (error) {
      await stop(server);
      const log = tail((await server).all);
      throw new StepError(`Smoke test failed: ${(error as Error).message}.`, undefined, log);
    }
    const startupMs = Date.now() - started;
    const smoke = await execa('node', ['scripts/smoke.mjs', '--url', url], {
      cwd: projectDir,
      all: true,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
    });
    if (smoke.failed) {
      await stop(server);
      const serverLog = tail((await server).all);
      throw new StepError('Smoke test failed.', undefined, [tail(smoke.all, 30), serverLog].filter(Boolean).join('\n'));
    }
    return { url, startupMs, output: smoke.all ?? '' };
  } finally {
    await stop(server);
    forget();
  }
}
