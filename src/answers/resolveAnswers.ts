import { basename, resolve } from 'node:path';
import type { CreateFlags } from '../cli/options.js';
import { UserError } from '../errors.js';
import { accountsProblem } from '../features/auth.js';
import { answerSpecs } from '../features/index.js';
import { VERSION } from '../version.js';
import { getUserPkgManager } from './getUserPkgManager.js';
import { readAnswersFile } from './readAnswersFile.js';
import { type Answers, defaultAnswers, type RunOptions } from './types.js';
import { whyInvalidName } from './validateName.js';

export interface Resolved {
  answers: Answers;
  run: RunOptions;
}

/** Nothing may wait on stdin in CI, in pipes, or when the caller said --yes / --json. */
export function isInteractive(flags: CreateFlags, env = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return !flags.yes && !flags.json && !ci && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
}

function answersFromFlags(flags: CreateFlags): Partial<Answers> {
  const out: Record<string, unknown> = {};
  for (const key of ['name', ...answerSpecs.map((a) => a.key)] as const) {
    if (flags[key] !== undefined) out[key] = flags[key];
  }
  return out as Partial<Answers>;
}

function assertValidName(name: string, fromFolder: boolean): void {
  const problem = whyInvalidName(name);
  if (!problem) return;
  throw new UserError(
    `"${name}" is not a valid package name: ${problem}.`,
    fromFolder ? 'Pick another folder name or pass --name <package-name>.' : 'Use lowercase letters, digits, "-", "." or "_", e.g. --name my-api.',
  );
}

/**
 * Builds the one Answers object: flags win over the preset, the preset over
 * prompts, prompts over defaults. Prompts ask only what is still open.
 */
export async function resolveAnswers(
  directoryArg: string | undefined,
  flags: CreateFlags,
  templateDir: string,
): Promise<Resolved> {
  const preset = flags.preset ? (await readAnswersFile(flags.preset, 'Preset', 'preset')).answers : {};
  const decided: Partial<Answers> = { ...preset, ...answersFromFlags(flags) };
  if (decided.name !== undefined) assertValidName(decided.name, false);
  const interactive = isInteractive(flags);

  const run: RunOptions = {
    directory: directoryArg ?? 'my-api',
    templateDir,
    install: flags.install ?? true,
    git: flags.git ?? true,
    smoke: flags.smoke ?? true,
    dryRun: flags.dryRun ?? false,
    force: flags.force ?? false,
    json: flags.json ?? false,
    verbose: flags.verbose ?? false,
    interactive,
  };

  let asked: Partial<Answers> = {};
  let prompts: typeof import('./prompts.js') | undefined;
  if (interactive) {
    // Loaded only when a human is there to answer: keeps non-interactive runs quick to start.
    prompts = await import('./prompts.js');
    prompts.introduce(VERSION);
    if (directoryArg === undefined) run.directory = await prompts.askDirectory(decided.name !== undefined);
  }
  const folderName = basename(resolve(run.directory));
  if (decided.name === undefined) assertValidName(folderName, true);
  if (prompts) asked = await prompts.askOpenAnswers(decided, { pm: getUserPkgManager() });

  const answers: Answers = {
    ...defaultAnswers,
    name: folderName,
    pm: getUserPkgManager(),
    ...asked,
    ...decided,
  };
  const accounts = accountsProblem(answers);
  if (accounts) throw new UserError(accounts.problem, accounts.hint);
  if (prompts) await prompts.confirmSummary(run.directory, answers, plannedSteps(run));
  return { answers, run };
}

export function plannedSteps(run: RunOptions): string[] {
  if (run.dryRun) return [];
  return [run.install && 'install', run.git && 'git init', run.install && run.smoke && 'smoke test'].filter(
    (s): s is string => Boolean(s),
  );
}
