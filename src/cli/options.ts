import { type Answers, wholeNumberOf } from '../answers/types.js';
import { answerSpecs } from '../features/index.js';
import type { AnswerKey } from '../features/types.js';
import { matrixKinds } from '../validate/types.js';

/** One command-line option; the flag's key is its long name in camelCase (`--dry-run` → `dryRun`). */
export interface OptionSpec {
  long: string;
  short?: string;
  /** Placeholder of the value in the help (`<name>`); an option without one is a boolean flag. */
  value?: string;
  description: string;
  choices?: readonly string[];
  /** Turns the text into the flag's value; throws with the reason when the text is wrong. */
  parse?: (text: string) => unknown;
  /** `--no-<long>` sets the flag to false; this is its line in the help. */
  negation?: string;
  /** The value when the option is not given (shown in the help). */
  default?: string;
}

export interface CommandSpec {
  /** As typed after `create-scaled-api` (`add resource`); empty for the root command. */
  name: string;
  description: string;
  /** At most one positional argument: its name, help line, and what one of them is called in an error. */
  argument?: { name: string; description: string; noun: string; required?: boolean };
  options: readonly OptionSpec[];
}

function parseJobs(text: string): number {
  const n = wholeNumberOf(text);
  if (!(n >= 1 && n <= Number.MAX_SAFE_INTEGER)) throw new Error('must be a whole number of at least 1');
  return n;
}

// How this run behaves, beside the answers; never written into the project.
const runOptions = [
  { long: 'install', description: 'install dependencies (default)', negation: 'skip installing dependencies' },
  { long: 'git', description: 'initialise a git repository (default)', negation: 'skip git init' },
  { long: 'smoke', description: 'start the server and smoke-test it (default)', negation: 'skip the smoke test' },
  { long: 'preset', value: '<file>', description: 'JSON answers file (same shape as .scaled-api.json)' },
  { long: 'template', value: '<dir>', description: 'use another templates folder' },
  { long: 'dry-run', description: 'print the plan and the file list, write nothing' },
  { long: 'force', description: 'allow a non-empty target; never deletes a file that is not generated' },
  { long: 'json', description: 'print one JSON object on stdout' },
  { long: 'yes', short: 'y', description: 'take defaults for everything not given, ask nothing' },
  { long: 'verbose', description: 'show command output and stack traces' },
] as const satisfies readonly OptionSpec[];

const validateOptions = [
  { long: 'matrix', value: '<kind>', description: 'which combinations', choices: matrixKinds, default: 'pairwise' },
  { long: 'template', value: '<dir>', description: 'templates folder to validate (default: the shipped one)' },
  { long: 'install', description: 'install dependencies once, shared by every combination' },
  { long: 'smoke', description: 'build, run the generated tests and the smoke test (implies --install)' },
  { long: 'jobs', value: '<n>', description: 'combinations checked at once', parse: parseJobs },
  { long: 'json', description: 'print one JSON object on stdout' },
  { long: 'junit', value: '<file>', description: 'write a JUnit XML report' },
  { long: 'verbose', description: 'show tool output and stack traces' },
] as const satisfies readonly OptionSpec[];

const addResourceOptions = [
  { long: 'fields', value: '<list>', description: 'fields as name:type, comma-separated; ? makes one optional, ! unique (string!, email!)' },
  { long: 'dir', value: '<path>', description: 'the generated project (default: the current folder)' },
  { long: 'private', description: 'routes only for signed-in users' },
  { long: 'dry-run', description: 'print the plan and the file list, write nothing' },
  { long: 'json', description: 'print one JSON object on stdout' },
  { long: 'migration', description: "make the migration with the project's drizzle-kit (default)", negation: 'leave the migration to be made later' },
  { long: 'force', description: 'write even where files it changes have uncommitted edits (they are still merged)' },
  { long: 'yes', short: 'y', description: 'ask nothing; refuse when --fields is missing' },
  { long: 'verbose', description: 'show command output and stack traces' },
] as const satisfies readonly OptionSpec[];

const updateOptions = [
  { long: 'dir', value: '<path>', description: 'the generated project (default: the current folder)' },
  { long: 'check', description: 'write nothing; exit 1 when an update would change anything, 0 when current (for CI)' },
  { long: 'dry-run', description: 'print the per-file plan, write nothing' },
  { long: 'json', description: 'print the plan and the result as one JSON object on stdout' },
  { long: 'install', description: 'run the package manager when dependencies change, which rewrites the lockfile (default)', negation: 'leave the install (and the lockfile) for later' },
  { long: 'force', description: 'write even where files it changes have uncommitted edits (they are still merged)' },
  { long: 'verbose', description: 'show command output and stack traces' },
] as const satisfies readonly OptionSpec[];

export const createCommand: CommandSpec = {
  name: '',
  description: 'Create a production-ready Fastify + TypeScript API, shaped for scaling out.',
  argument: { name: 'directory', description: 'target folder (default: my-api with --yes)', noun: 'target folder' },
  options: [{ long: 'name', value: '<name>', description: 'npm package name (default: the folder name)' }, ...answerSpecs.map((a) => a.flag), ...runOptions],
};

export const validateCommand: CommandSpec = {
  name: 'validate',
  description: 'render option combinations into temp folders and check every one',
  options: validateOptions,
};

/** The `add` group: no options of its own, only its subcommands. */
export const addCommand: CommandSpec = {
  name: 'add',
  description: 'grow a generated project',
  options: [],
};

export const addResourceCommand: CommandSpec = {
  name: 'add resource',
  description: 'add a resource (model, routes, repository, cache, tests, migration) to a generated project',
  argument: { name: 'name', description: 'plural resource name, such as orders or line-items', noun: 'resource name', required: true },
  options: addResourceOptions,
};

export const updateCommand: CommandSpec = {
  name: 'update',
  description: "take the running version's template changes into a generated project, merged three ways with your edits",
  options: updateOptions,
};

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** What an option's flag holds once parsed: its parser's result, one of its choices, its text, or on/off. */
type FlagValue<O> = O extends { parse: (text: string) => infer R }
  ? R
  : O extends { choices: readonly (infer C)[] }
    ? C
    : O extends { value: string }
      ? string
      : boolean;

/**
 * The flags of an option table, keyed by camelCase name, so a new row is a
 * new typed flag. Optional means "not decided by a flag"; an option with a
 * default is always there.
 */
type FlagsOf<Options extends readonly OptionSpec[]> = {
  [O in Options[number] as O extends { default: string } ? never : CamelCase<O['long']>]?: FlagValue<O>;
} & {
  [O in Options[number] as O extends { default: string } ? CamelCase<O['long']> : never]: FlagValue<O>;
};

/** The answers given as flags (each feature's flag sets its answer) and how the run behaves. */
export type CreateFlags = Partial<Pick<Answers, 'name' | AnswerKey>> & FlagsOf<typeof runOptions>;
export type ValidateFlags = FlagsOf<typeof validateOptions>;
export type AddResourceFlags = FlagsOf<typeof addResourceOptions>;
export type UpdateFlags = FlagsOf<typeof updateOptions>;
