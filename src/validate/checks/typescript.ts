import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { WrittenProject } from '../project.js';
import { textOf } from '../project.js';
import type { Finding } from '../types.js';
import { failedWith, skipped, type Check, type CheckContext, type Outcome } from './types.js';

const tsLike = /\.(ts|tsx|mts|cts)$/;

/** Gives the project the shared install (once per combination). */
export async function linkNodeModules(project: WrittenProject, nodeModules: string): Promise<void> {
  const link = join(project.dir, 'node_modules');
  if (!existsSync(link)) await symlink(nodeModules, link, 'dir');
}

// Everything tsc reads besides node_modules: sources, tsconfigs, and the
// package.json fields that change module resolution. Combinations that only
// differ elsewhere (pm, docker, replicas…) get the same key and one tsc run.
function sourcesKey(project: WrittenProject, nodeModules: string): string {
  const hash = createHash('sha256').update(nodeModules);
  for (const file of project.files) {
    if (tsLike.test(file.path) || /(^|\/)tsconfig[^/]*\.json$/.test(file.path)) hash.update(`\0${file.path}\0`).update(textOf(file));
    if (file.path === 'package.json') {
      try {
        const { type, imports, exports } = JSON.parse(textOf(file)) as Record<string, unknown>;
        hash.update(JSON.stringify({ type, imports, exports }));
      } catch {
        hash.update(textOf(file));
      }
    }
  }
  return `typescript:${hash.digest('hex')}`;
}

const diagnostic = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export function parseTscOutput(output: string, project: WrittenProject): Finding[] {
  const findings: Finding[] = [];
  for (const line of output.split('\n')) {
    const located = diagnostic.exec(line.trim());
    if (located) {
      const file = located[1]!.replaceAll('\\', '/');
      findings.push({ file, line: Number(located[2]), template: project.sources.get(file), message: `${located[4]}: ${located[5]}` });
    } else if (/error TS\d+:/.test(line)) findings.push({ message: line.trim() });
    else if (findings.length && /^\s{2,}\S/.test(line)) findings[findings.length - 1]!.message += ` ${line.trim()}`;
  }
  return findings;
}

async function runTsc(project: WrittenProject, nodeModules: string): Promise<Outcome> {
  const tsc = join(nodeModules, 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    return failedWith([{ file: 'package.json', template: project.sources.get('package.json'), message: 'typescript is not among the generated devDependencies, so the project cannot be type-checked' }]);
  }
  const result = await execa('node', [tsc, '--noEmit', '--pretty', 'false', '-p', project.dir], {
    cwd: project.dir,
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout: 300_000,
  });
  if (!result.failed) return failedWith([]);
  const findings = parseTscOutput(result.all ?? '', project);
  return failedWith(findings.length ? findings : [{ message: `tsc failed (exit ${result.exitCode}): ${(result.all ?? '').slice(0, 500)}` }]);
}

/**
 * tsc's verdict is a function of the sources and the installed tree, so it is
 * kept beside that tree: a rerun on unchanged templates (CI retries, the test
 * suite's several runs) costs nothing. A fresh --install drops the whole folder.
 */
async function cachedTsc(project: WrittenProject, nodeModules: string, key: string): Promise<Outcome> {
  const file = join(dirname(nodeModules), 'typecheck', `${key.replace(/^typescript:/, '')}.json`);
  try {
    const outcome = JSON.parse(await readFile(file, 'utf8')) as Outcome;
    return { ...outcome, detail: 'unchanged sources: cached tsc result' };
  } catch {
    // Not checked yet.
  }
  const outcome = await runTsc(project, nodeModules);
  // Only verdicts: a crash or timeout (a finding without a file) is run again next time.
  if (outcome.findings.some((f) => !f.file)) return outcome;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}`, JSON.stringify(outcome));
  await rename(`${file}.${process.pid}`, file);
  return outcome;
}

export const typescriptCheck: Check = {
  name: 'typescript',
  applies: (p) => p.files.some((f) => tsLike.test(f.path)),
  run: async (context: CheckContext) => {
    const { project, nodeModules, memo, combinationIndex } = context;
    if (!project.files.some((f) => f.path === 'tsconfig.json')) {
      return failedWith([{ message: 'the generated project has TypeScript sources but no tsconfig.json' }]);
    }
    if (!nodeModules) return skipped('no installed dependencies to type-check against');
    await linkNodeModules(project, nodeModules);
    const key = sourcesKey(project, nodeModules);
    const earlier = memo.get(key);
    if (earlier) {
      const outcome = await earlier;
      return { ...outcome, detail: `same sources as #${outcome.by}` };
    }
    const running = cachedTsc(project, nodeModules, key).then((o) => ({ ...o, by: combinationIndex }));
    memo.set(key, running);
    const { by: _by, ...outcome } = await running;
    return outcome;
  },
};
