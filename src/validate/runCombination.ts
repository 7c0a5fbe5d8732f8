import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { render, TemplateError } from '../render/render.js';
import type { GeneratedFile, TemplateFile } from '../render/types.js';
import type { Check, CheckContext, Outcome } from './checks/types.js';
import { writeFiles } from './project.js';
import type { Tools } from './tools.js';
import type { CheckResult, Combination, CombinationResult } from './types.js';

export interface Rendered {
  combination: Combination;
  files?: GeneratedFile[];
  render: CheckResult;
}

/** Renders one combination in memory; a template error becomes the failed `render` check. */
export function renderCombination(combination: Combination, templates: readonly TemplateFile[], version: string): Rendered {
  const started = performance.now();
  try {
    const files = render(combination.answers, templates, version);
    return { combination, files, render: { name: 'render', status: 'passed', ms: Math.round(performance.now() - started), findings: [] } };
  } catch (error) {
    const finding =
      error instanceof TemplateError
        ? { template: error.file, file: error.file.replace(/\.hbs$/, ''), line: error.line, message: error.message.replace(/^Template \S+: /, '') }
        : { message: (error as Error).message };
    return { combination, render: { name: 'render', status: 'failed', ms: Math.round(performance.now() - started), findings: [finding] } };
  }
}

export interface RunOptions {
  root: string;
  checks: readonly Check[];
  nodeModules?: string;
  tools: Tools;
  verbose: boolean;
  memo: CheckContext['memo'];
  onCheck?: (combination: Combination, check: string) => void;
}

async function timed(check: Check, context: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await check.run(context);
  } catch (error) {
    // A check that crashes is a failure, never a silent pass.
    outcome = { status: 'failed', findings: [{ message: `${check.name} check crashed: ${(error as Error).message}` }] };
  }
  return { name: check.name, ms: Math.round(performance.now() - started), ...outcome };
}

/** Writes a rendered combination to its own folder and runs every check that applies to it. */
export async function runCombination(rendered: Rendered, options: RunOptions): Promise<CombinationResult> {
  const started = performance.now();
  const { combination } = rendered;
  const checks: CheckResult[] = [rendered.render];
  if (rendered.files) {
    const dir = join(options.root, String(combination.index));
    await mkdir(dir, { recursive: true });
    const project = await writeFiles(dir, rendered.files);
    const context: CheckContext = {
      project,
      nodeModules: options.nodeModules,
      tools: options.tools,
      verbose: options.verbose,
      memo: options.memo,
      combinationIndex: combination.index,
    };
    for (const check of options.checks) {
      if (!check.applies(project)) continue;
      options.onCheck?.(combination, check.name);
      checks.push(await timed(check, context));
    }
  }
  return { combination, checks, ms: Math.round(performance.now() - started + rendered.render.ms) };
}

/** Runs work over items with at most `jobs` at once, keeping the input order in the result. */
export async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
