import { cacheChoices, ciChoices, dbChoices, MAX_REPLICAS, MIN_REPLICAS, pmChoices } from '../answers/types.js';
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
  /** As typed after `create-scaled-api`; empty for the root command. */
  name: string;
  description: string;
  /** At most one positional argument: its name and help line. */
  argument?: { name: string; description: string };
  options: readonly OptionSpec[];
}

/** Flags as given on the command line; `undefined` means "not decided by a flag". */
export interface CreateFlags {
  name?: string;
  db?: string;
  cache?: string;
  replicas?: number;
  monitoring?: boolean;
  docker?: boolean;
  k8s?: boolean;
  ci?: string;
  pm?: string;
  install?: boolean;
  git?: boolean;
  smoke?: boolean;
  preset?: string;
  template?: string;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
  yes?: boolean;
  verbose?: boolean;
}

export interface ValidateFlags {
  matrix: string;
  template?: string;
  install?: boolean;
  smoke?: boolean;
  json?: boolean;
  junit?: string;
  jobs?: number;
  verbose?: boolean;
}

function wholeNumber(text: string, min: number, max: number, reason: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new Error(reason);
  return n;
}

const parseReplicas = (text: string): number =>
  wholeNumber(text, MIN_REPLICAS, MAX_REPLICAS, `must be a whole number from ${MIN_REPLICAS} to ${MAX_REPLICAS}`);

const parseJobs = (text: string): number => wholeNumber(text, 1, Number.MAX_SAFE_INTEGER, 'must be a whole number of at least 1');

export const createCommand: CommandSpec = {
  name: '',
  description: 'Create a production-ready Fastify + TypeScript API, shaped for scaling out.',
  argument: { name: 'directory', description: 'target folder (default: my-api with --yes)' },
  options: [
    { long: 'name', value: '<name>', description: 'npm package name (default: the folder name)' },
    { long: 'db', value: '<db>', description: 'database: PostgreSQL (PGlite when DATABASE_URL is unset)', choices: dbChoices },
    { long: 'cache', value: '<cache>', description: 'cache-aside backend', choices: cacheChoices },
    { long: 'replicas', value: '<n>', description: `API replicas behind Nginx (${MIN_REPLICAS}-${MAX_REPLICAS}, default 2)`, parse: parseReplicas },
    { long: 'monitoring', description: 'Prometheus + Grafana configs (default)', negation: 'no monitoring configs' },
    { long: 'docker', description: 'Dockerfile + docker-compose.yml (default)', negation: 'no Docker files' },
    { long: 'k8s', description: 'Kubernetes manifests (default: off)' },
    { long: 'ci', value: '<ci>', description: 'CI workflow of the generated repo', choices: ciChoices },
    { long: 'pm', value: '<pm>', description: 'package manager (default: the one running this)', choices: pmChoices },
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
  ],
};

export const validateCommand: CommandSpec = {
  name: 'validate',
  description: 'render option combinations into temp folders and check every one',
  options: [
    { long: 'matrix', value: '<kind>', description: 'which combinations', choices: matrixKinds, default: 'pairwise' },
    { long: 'template', value: '<dir>', description: 'templates folder to validate (default: the shipped one)' },
    { long: 'install', description: 'install dependencies once, shared by every combination' },
    { long: 'smoke', description: 'build, run the generated tests and the smoke test (implies --install)' },
    { long: 'jobs', value: '<n>', description: 'combinations checked at once', parse: parseJobs },
    { long: 'json', description: 'print one JSON object on stdout' },
    { long: 'junit', value: '<file>', description: 'write a JUnit XML report' },
    { long: 'verbose', description: 'show tool output and stack traces' },
  ],
};

// Both commands answer --help; only the root command has a version.
export const helpOption: OptionSpec = { long: 'help', short: 'h', description: 'show this help' };
export const versionOption: OptionSpec = { long: 'version', short: 'v', description: 'print the version' };

export const subcommands: readonly CommandSpec[] = [validateCommand];
