import { Command, InvalidArgumentError, Option } from 'commander';
import { cacheChoices, ciChoices, dbChoices, MAX_REPLICAS, MIN_REPLICAS, pmChoices } from '../answers/types.js';
import { VERSION } from '../version.js';

/** Flags exactly as commander parsed them; `undefined` means "not decided by a flag". */
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

export type ParsedCommand =
  | { kind: 'create'; directory: string | undefined; flags: CreateFlags }
  | { kind: 'validate'; flags: ValidateFlags };

export function parseReplicas(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < MIN_REPLICAS || n > MAX_REPLICAS) {
    throw new InvalidArgumentError(`must be a whole number from ${MIN_REPLICAS} to ${MAX_REPLICAS}.`);
  }
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1.');
  return n;
}

/**
 * Builds the commander program. Commander reports bad flags by throwing
 * (exitOverride) so that one place decides exit codes and output.
 */
export function buildProgram(onParsed: (command: ParsedCommand) => void): Command {
  const program = new Command('create-scaled-api')
    .description('Create a production-ready Fastify + TypeScript API, shaped for scaling out.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[directory]', 'target folder (default: my-api with --yes)')
    .option('--name <name>', 'npm package name (default: the folder name)')
    .addOption(new Option('--db <db>', 'database: PostgreSQL (PGlite when DATABASE_URL is unset)').choices(dbChoices))
    .addOption(new Option('--cache <cache>', 'cache-aside backend').choices(cacheChoices))
    .option('--replicas <n>', `API replicas behind Nginx (${MIN_REPLICAS}-${MAX_REPLICAS}, default 2)`, parseReplicas)
    .option('--monitoring', 'Prometheus + Grafana configs (default)')
    .option('--no-monitoring', 'no monitoring configs')
    .option('--docker', 'Dockerfile + docker-compose.yml (default)')
    .option('--no-docker', 'no Docker files')
    .option('--k8s', 'Kubernetes manifests (default: off)')
    .addOption(new Option('--ci <ci>', 'CI workflow of the generated repo').choices(ciChoices))
    .addOption(new Option('--pm <pm>', 'package manager (default: the one running this)').choices(pmChoices))
    .option('--install', 'install dependencies (default)')
    .option('--no-install', 'skip installing dependencies')
    .option('--git', 'initialise a git repository (default)')
    .option('--no-git', 'skip git init')
    .option('--smoke', 'start the server and smoke-test it (default)')
    .option('--no-smoke', 'skip the smoke test')
    .option('--preset <file>', 'JSON answers file (same shape as .scaled-api.json)')
    .option('--template <dir>', 'use another templates folder')
    .option('--dry-run', 'print the plan and the file list, write nothing')
    .option('--force', 'allow a non-empty target; never deletes a file that is not generated')
    .option('--json', 'print one JSON object on stdout')
    .option('-y, --yes', 'take defaults for everything not given, ask nothing')
    .option('--verbose', 'show command output and stack traces')
    .showSuggestionAfterError(true)
    // validate has its own --template, --install, --json…: without this the
    // root command would take them and the subcommand would never see them.
    .enablePositionalOptions()
    .exitOverride()
    .action((directory: string | undefined, flags: CreateFlags) => {
      onParsed({ kind: 'create', directory, flags });
    });

  program
    .command('validate')
    .description('render option combinations into temp folders and check every one')
    .addOption(new Option('--matrix <kind>', 'which combinations').choices(['default', 'pairwise', 'full']).default('pairwise'))
    .option('--template <dir>', 'templates folder to validate (default: the shipped one)')
    .option('--install', 'install dependencies once, shared by every combination')
    .option('--smoke', 'build, run the generated tests and the smoke test (implies --install)')
    .option('--jobs <n>', 'combinations checked at once', parsePositive)
    .option('--json', 'print one JSON object on stdout')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--verbose', 'show tool output and stack traces')
    .exitOverride()
    .action((flags: ValidateFlags) => {
      onParsed({ kind: 'validate', flags });
    });

  return program;
}
