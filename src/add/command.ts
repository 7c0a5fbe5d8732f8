import { relative } from 'node:path';
import { CancelledError, errorJson, ExitCode } from '../errors.js';
import { reportError } from '../index.js';
import { planJson } from '../plan/summary.js';
import { Reporter } from '../ui/reporter.js';
import { type AddFlags, type AddOutcome, addResource } from './addResource.js';

export type { AddFlags } from './addResource.js';

function nextSteps(outcome: AddOutcome): string[] {
  const display = relative(process.cwd(), outcome.project) || '.';
  const steps = display === '.' ? [] : [`cd ${display}`];
  if (outcome.conflicts.length > 0) steps.push(`resolve the conflict markers in ${outcome.conflicts.join(', ')}`);
  if (outcome.pendingMigration) steps.push(`${outcome.pendingMigration}   # makes the migration`);
  steps.push(`${outcome.pm} test`, `${outcome.pm} run dev   # then: curl localhost:3000/${outcome.resource.name}`);
  return steps;
}

function printJson(outcome: AddOutcome | undefined, reporter: Reporter, result: string, error?: unknown): void {
  const object = {
    result,
    ...errorJson(error),
    project: outcome?.project,
    resource: outcome?.resource,
    dryRun: outcome?.dryRun ?? false,
    plan: outcome?.plan ? planJson(outcome.plan) : undefined,
    conflicts: outcome?.conflicts ?? [],
    migrations: outcome?.migrations ?? [],
    ...(outcome?.pendingMigration ? { pendingMigration: outcome.pendingMigration } : {}),
    steps: reporter.steps,
    timings: reporter.timings(),
  };
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

/**
 * `create-scaled-api add resource <name>`: exit 0 when added, 1 with
 * conflicts left to resolve or a failed step, 2 for bad input (nothing written).
 */
export async function runAdd(name: string, flags: AddFlags): Promise<number> {
  const json = flags.json === true;
  const reporter = Reporter.for({ json });
  let outcome: AddOutcome | undefined;
  try {
    const done = await addResource(name, flags, reporter, (o) => (outcome = o));
    const conflicted = done.conflicts.length > 0;
    if (json) printJson(done, reporter, done.dryRun ? 'dry-run' : conflicted ? 'conflict' : 'success');
    else if (!done.dryRun) {
      const title = conflicted ? `${done.conflicts.length} ${done.conflicts.length === 1 ? 'file has' : 'files have'} conflict markers` : `Added ${name}`;
      await reporter.finish(title, nextSteps(done));
    }
    return conflicted ? ExitCode.stepFailed : ExitCode.ok;
  } catch (error) {
    if (json) printJson(outcome, reporter, error instanceof CancelledError ? 'cancelled' : 'failed', error);
    return reportError(error, flags.verbose === true, json);
  }
}
