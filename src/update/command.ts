import { relative } from 'node:path';
import type { UpdateFlags } from '../cli/options.js';
import { CancelledError, errorJson, ExitCode } from '../errors.js';
import { reportError } from '../index.js';
import { planJson } from '../plan/summary.js';
import { Reporter } from '../ui/reporter.js';
import { type UpdateOutcome, updateProject } from './updateProject.js';

function resultOf(outcome: UpdateOutcome): string {
  if (outcome.current) return 'current';
  if (outcome.mode === 'check') return 'behind';
  if (outcome.mode === 'dry-run') return 'dry-run';
  return outcome.conflicts.length > 0 ? 'conflict' : 'success';
}

function printJson(outcome: UpdateOutcome | undefined, reporter: Reporter, result: string, error?: unknown): void {
  const object = {
    result,
    ...errorJson(error),
    project: outcome?.project,
    from: outcome?.from,
    to: outcome?.to,
    mode: outcome?.mode,
    base: outcome?.base,
    plan: outcome?.plan ? planJson(outcome.plan) : undefined,
    conflicts: outcome?.conflicts ?? [],
    installed: outcome?.installed ?? false,
    ...(outcome?.pendingInstall ? { pendingInstall: outcome.pendingInstall } : {}),
    steps: reporter.steps,
    timings: reporter.timings(),
  };
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

function nextSteps(outcome: UpdateOutcome): string[] {
  const display = relative(process.cwd(), outcome.project) || '.';
  const steps = display === '.' ? [] : [`cd ${display}`];
  if (outcome.conflicts.length > 0) steps.push(`resolve the conflict markers in ${outcome.conflicts.join(', ')}`);
  if (outcome.pendingInstall) steps.push(`${outcome.pendingInstall}   # brings node_modules and the lockfile in line with package.json`);
  steps.push('git diff   # review the update; nothing is committed', `${outcome.pm ?? 'npm'} test`);
  return steps;
}

/**
 * `create-scaled-api update`: exit 0 when updated or current, 1 when
 * conflicts are left to resolve, a step failed, or (--check) the project is
 * behind; 2 for bad input, a missing base included (nothing written).
 */
export async function runUpdate(flags: UpdateFlags): Promise<number> {
  const json = flags.json === true;
  const reporter = Reporter.for({ json });
  let outcome: UpdateOutcome | undefined;
  try {
    const done = await updateProject(flags, reporter, (o) => (outcome = o));
    const result = resultOf(done);
    if (json) printJson(done, reporter, result);
    else if (done.mode === 'write' && !done.current) {
      const title = result === 'conflict' ? `${done.conflicts.length} ${done.conflicts.length === 1 ? 'file has' : 'files have'} conflict markers` : `Updated to create-scaled-api ${done.to}`;
      await reporter.finish(title, nextSteps(done));
    }
    return result === 'conflict' || result === 'behind' ? ExitCode.stepFailed : ExitCode.ok;
  } catch (error) {
    if (json) printJson(outcome, reporter, error instanceof CancelledError ? 'cancelled' : 'failed', error);
    return reportError(error, flags.verbose === true, json);
  }
}
