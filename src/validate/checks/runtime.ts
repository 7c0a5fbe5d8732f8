import { execa } from 'execa';
import { freePort } from '../../utils/freePort.js';
import { tail } from '../../utils/format.js';
import type { WrittenProject } from '../project.js';
import { linkNodeModules } from './typescript.js';
import { failedWith, skipped, type Check, type CheckContext, type Outcome } from './types.js';

// Scripts run with npm whatever the combination's pm: the shared install is
// npm's, and `npm run` only reads package.json scripts.
async function npmScript(context: CheckContext, script: string, timeout: number): Promise<Outcome> {
  const { project, nodeModules } = context;
  if (!nodeModules) return skipped('no installed dependencies');
  const scripts = scriptsOf(project);
  if (!scripts[script]) return failedWith([{ file: 'package.json', template: project.sources.get('package.json'), message: `no "${script}" script` }]);
  await linkNodeModules(project, nodeModules);
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  const result = await execa('npm', ['run', script], { cwd: project.dir, env, extendEnv: false, all: true, reject: false, stdin: 'ignore', timeout });
  if (!result.failed) return failedWith([]);
  return failedWith([{ message: `npm run ${script} failed (exit ${result.exitCode ?? result.signal}):\n${tail(result.all, 25)}` }]);
}

function scriptsOf(project: WrittenProject): Record<string, string> {
  const pkg = project.files.find((f) => f.path === 'package.json');
  try {
    return (JSON.parse(String(pkg?.contents)) as { scripts?: Record<string, string> }).scripts ?? {};
  } catch {
    return {};
  }
}

const always = () => true;

export const buildCheck: Check = { name: 'build', applies: always, run: (c) => npmScript(c, 'build', 300_000) };
export const testCheck: Check = { name: 'test', applies: always, run: (c) => npmScript(c, 'test', 600_000) };

async function waitForLive(url: string, exited: () => boolean, ms: number): Promise<string | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (exited()) return 'the server exited before it answered /health/live';
    try {
      if ((await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) })).ok) return undefined;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `the server did not answer /health/live within ${ms / 1000} s`;
}

/** Starts the built server (as production would) and runs the project's own smoke script at it. */
export const smokeCheck: Check = {
  name: 'smoke',
  applies: always,
  run: async ({ project, nodeModules }) => {
    if (!nodeModules) return skipped('no installed dependencies');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.NODE_OPTIONS;
    const server = execa('node', ['dist/main.js'], { cwd: project.dir, env, extendEnv: false, all: true, reject: false, stdin: 'ignore' });
    let exited = false;
    void server.finally(() => (exited = true)).catch(() => undefined);
    try {
      const notLive = await waitForLive(url, () => exited, 60_000);
      if (notLive) {
        server.kill('SIGKILL');
        return failedWith([{ message: `${notLive}:\n${tail((await server).all)}` }]);
      }
      const smoke = await execa('node', ['scripts/smoke.mjs', '--url', url], { cwd: project.dir, all: true, reject: false, stdin: 'ignore', timeout: 60_000 });
      return smoke.failed ? failedWith([{ file: 'scripts/smoke.mjs', message: `smoke test failed:\n${tail(smoke.all, 25)}` }]) : failedWith([]);
    } finally {
      if (!exited) {
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await server.catch(() => undefined);
        clearTimeout(timer);
      }
    }
  },
};
