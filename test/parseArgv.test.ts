import { describe, expect, it } from 'vitest';
import { helpText } from '../src/cli/help.js';
import { createCommand, validateCommand } from '../src/cli/options.js';
import { ArgvError, parseArgv } from '../src/cli/parseArgv.js';
import { closest, editDistance } from '../src/utils/closest.js';

const errorOf = (args: string[]): ArgvError => {
  try {
    parseArgv(args);
  } catch (error) {
    if (error instanceof ArgvError) return error;
    throw error;
  }
  throw new Error(`no error for ${args.join(' ')}`);
};

describe('parseArgv', () => {
  it('reads a create command: folder, values, booleans and their --no- forms', () => {
    expect(parseArgv(['svc', '--db', 'none', '--replicas', '3', '--no-docker', '-y', '--dry-run', '--name=api'])).toEqual({
      kind: 'create',
      directory: 'svc',
      flags: { db: 'none', replicas: 3, docker: false, yes: true, dryRun: true, name: 'api' },
    });
  });

  it('leaves flags that were not given undefined, so answers can come from elsewhere', () => {
    expect(parseArgv([])).toEqual({ kind: 'create', directory: undefined, flags: {} });
  });

  it('lets the later of two opposite flags win', () => {
    expect(parseArgv(['--no-git', '--git'])).toEqual({ kind: 'create', directory: undefined, flags: { git: true } });
    expect(parseArgv(['--git', '--no-git'])).toEqual({ kind: 'create', directory: undefined, flags: { git: false } });
  });

  it('takes a word after -- as the folder, even one named like the command', () => {
    expect(parseArgv(['--yes', '--', 'validate'])).toMatchObject({ kind: 'create', directory: 'validate' });
  });

  it('reads validate with its defaults', () => {
    expect(parseArgv(['validate'])).toEqual({ kind: 'validate', flags: { matrix: 'pairwise' } });
    expect(parseArgv(['validate', '--matrix', 'full', '--jobs', '4', '--install', '--junit', 'r.xml'])).toEqual({
      kind: 'validate',
      flags: { matrix: 'full', jobs: 4, install: true, junit: 'r.xml' },
    });
  });

  it('answers --help and --version before checking anything else', () => {
    expect(parseArgv(['--databse', '--help'])).toEqual({ kind: 'help', command: createCommand });
    expect(parseArgv(['validate', '-h'])).toEqual({ kind: 'help', command: validateCommand });
    expect(parseArgv(['--help', 'validate'])).toEqual({ kind: 'help', command: createCommand });
    expect(parseArgv(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['--databse'], 'Unknown option --databse.'],
    [['--forse'], 'Unknown option --forse. Did you mean --force?'],
    [['--froce'], 'Unknown option --froce. Did you mean --force?'],
    [['--no-instal'], 'Unknown option --no-instal. Did you mean --no-install?'],
    [['--no-k8s'], 'Unknown option --no-k8s: --k8s is off unless it is given.'],
    [['-q'], 'Unknown option -q.'],
    [['--name'], 'Option --name needs a value: --name <name>.'],
    [['--name', '--yes'], 'Option --name needs a value: --name <name>.'],
    [['--yes=no'], 'Option --yes takes no value (got --yes=no).'],
    [['--no-git=1'], 'Option --no-git takes no value (got --no-git=1).'],
    [['--cache', 'memcached'], 'Invalid --cache "memcached". Allowed choices are redis, memory, none.'],
    [['--replicas', '1.5'], 'Invalid --replicas "1.5": must be a whole number from 1 to 64.'],
    [['--replicas', '1e1'], 'Invalid --replicas "1e1": must be a whole number from 1 to 64.'],
    [['--replicas', '0'], 'Invalid --replicas "0": must be a whole number from 1 to 64.'],
    [['a', 'b'], 'One target folder, not 2: "a", "b".'],
    [['--yes', 'validate'], 'Unexpected --yes before "validate": its options go after it.'],
    [['validate', '--version'], 'Unknown option --version.'],
    [['validate', '--matrix'], 'Option --matrix needs a value: --matrix <kind>.'],
  ])('refuses %j with one line that says why', (args, message) => {
    const error = errorOf(args);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toBe(args[0] === 'validate' || args.includes('validate') ? 'Run create-scaled-api validate --help for the options.' : 'Run create-scaled-api --help for the options.');
  });
});

describe('closest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('force', 'froce')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only what is near enough to be a typo', () => {
    expect(closest('dryrun', ['dry-run', 'db'])).toBe('dry-run');
    expect(closest('x', ['db', 'ci'])).toBeUndefined();
    expect(closest('databse', ['db', 'cache'])).toBeUndefined();
  });
});

describe('helpText', () => {
  it('lists every option of the command, negations and choices included, within the width', () => {
    const text = helpText(createCommand);
    for (const o of createCommand.options) expect(text).toContain(`--${o.long}`);
    expect(text).toContain('--no-install');
    expect(text).toContain('one of: postgres, none');
    expect(text).toContain('create-scaled-api validate [options]');
    for (const width of [60, 80]) for (const line of helpText(createCommand, width).split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });

  it('shows validate its own options and defaults', () => {
    const text = helpText(validateCommand);
    expect(text).toContain('default: pairwise');
    expect(text).not.toContain('--version');
  });
});
