import { execa } from 'execa';
import { StepError } from '../../errors.js';
import { fromBuild, smokeTest } from '../../steps/smokeTest.js';
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

/** Starts the built server (as production would) and runs the project's own smoke script at it. */
export const smokeCheck: Check = {
  name: 'smoke',
  applies: always,
  run: async ({ project, nodeModules }) => {
    if (!nodeModules) return skipped('no installed dependencies');
    try {
      await smokeTest(project.dir, fromBuild);
      return failedWith([]);
    } catch (error) {
      const output = error instanceof StepError && error.output ? `\n${error.output}` : '';
      return failedWith([{ file: 'scripts/smoke.mjs', message: `${(error as Error).message}${output}` }]);
    }
  },
};
