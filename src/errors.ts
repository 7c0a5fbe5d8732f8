// Errors the user can cause carry a hint and map to exit code 2; a failed
// step (install, smoke) maps to 1; cancelling maps to 130. Anything else is a
// bug and only shows its stack with --verbose.
export const ExitCode = { ok: 0, stepFailed: 1, badInput: 2, cancelled: 130 } as const;

export class UserError extends Error {
  readonly exitCode: number = ExitCode.badInput;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class StepError extends Error {
  readonly exitCode: number = ExitCode.stepFailed;
  constructor(
    message: string,
    readonly hint?: string,
    readonly output?: string,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

export class CancelledError extends Error {
  readonly exitCode: number = ExitCode.cancelled;
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UserError || error instanceof StepError || error instanceof CancelledError) {
    return error.exitCode;
  }
  return ExitCode.stepFailed;
}

/** The `error` member of a command's `--json` object: nothing when the run succeeded. */
export function errorJson(error: unknown): { error?: { message: string; hint?: string; exitCode: number } } {
  if (!error) return {};
  return { error: { message: (error as Error).message, hint: (error as UserError).hint, exitCode: exitCodeOf(error) } };
}
