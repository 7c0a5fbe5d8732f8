import { parseArgv, type ParsedCommand } from './cli/program.js';
// Static, unlike validate's: creating is what nearly every run does, and on
// Node 20 each module graph loaded later is another wave of asynchronous
// file reads (a render 2 ms faster; --help 1.27x -> 1.31x node -e 0).
import { create, type CreateOutcome } from './create.js';
import { CancelledError, errorJson, ExitCode, exitCodeOf, StepError, UserError } from './errors.js';
import { Reporter } from './ui/reporter.js';
import { runInterruptHandlers } from './utils/interrupts.js';

/** Parses argv, runs one command, and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`--dry-run | head`) closes the pipe; the run
  // goes on and finishes its work, with nobody left to read the progress.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  let parsed: ParsedCommand;
  try {
    parsed = parseArgv(argv.slice(2));
  } catch (error) {
    return reportError(error, false, false);
  }
  if (parsed.kind === 'print') {
    process.stdout.write(parsed.text);
    return ExitCode.ok;
  }
  const verbose = Boolean(parsed.flags.verbose);

  process.once('SIGINT', () => {
    runInterruptHandlers();
    process.stderr.write('\nCancelled\n');
    process.exit(ExitCode.cancelled);
  });

  if (parsed.kind === 'validate') {
    const { runValidate } = await import('./validate/command.js');
    try {
      return await runValidate(parsed.flags);
    } catch (error) {
      return reportError(error, verbose, false);
    }
  }
  if (parsed.kind === 'add-resource') {
    const { runAdd } = await import('./add/command.js');
    try {
      return await runAdd(parsed.name, parsed.flags);
    } catch (error) {
      return reportError(error, verbose, false);
    }
  }
  if (parsed.kind === 'update') {
    const { runUpdate } = await import('./update/command.js');
    try {
      return await runUpdate(parsed.flags);
    } catch (error) {
      return reportError(error, verbose, false);
    }
  }

  const json = Boolean(parsed.flags.json);
  const reporter = Reporter.for({ json });
  let outcome: CreateOutcome | undefined;
  try {
    await create(parsed.directory, parsed.flags, reporter, (o) => (outcome = o));
    if (json) printJson(outcome, reporter, 'success');
    return ExitCode.ok;
  } catch (error) {
    if (json) printJson(outcome, reporter, error instanceof CancelledError ? 'cancelled' : 'failed', error);
    return reportError(error, verbose, json);
  }
}

function printJson(outcome: CreateOutcome | undefined, reporter: Reporter, result: string, error?: unknown): void {
  const object = {
    result,
    ...errorJson(error),
    answers: outcome?.answers,
    target: outcome?.target,
    dryRun: outcome?.dryRun ?? false,
    files: outcome?.files ?? [],
    overwritten: outcome?.overwritten ?? [],
    steps: reporter.steps,
    timings: reporter.timings(),
  };
  process.stdout.write(`${JSON.stringify(object, null, 2)}\n`);
}

/** One line (plus a hint) for anything the user can fix; a stack only with --verbose. */
export function reportError(error: unknown, verbose: boolean, quietOutput: boolean): number {
  if (error instanceof CancelledError) {
    process.stderr.write('Cancelled\n');
    return error.exitCode;
  }
  if (error instanceof UserError || error instanceof StepError) {
    if (error instanceof StepError && error.output && !quietOutput) process.stderr.write(`${error.output}\n`);
    process.stderr.write(`Error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    if (verbose) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Error: ${message}\n  This is a bug in create-scaled-api; run again with --verbose for the stack and report it.\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return exitCodeOf(error);
}
