import { describe, expect, it } from 'vitest';
import { ArgvError, parseArgv } from '../src/cli/program.js';
import { addResourceCommand, createCommand } from '../src/cli/options.js';
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

const printed = (args: string[]): string => {
  const parsed = parseArgv(args);
  if (parsed.kind !== 'print') throw new Error(`${args.join(' ')} printed nothing`);
  return parsed.text;
};

/** The command whose help a refusal points to: the one the mistake was made in. */
const hintedCommand = (args: string[]): string => {
  if (args[0] === 'add' && args[1] === 'resource') return ' add resource';
  const first = args.find((a) => !a.startsWith('-'));
  return first === 'validate' || first === 'add' || first === 'update' ? ` ${first}` : '';
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

  it('takes a path as the folder, even one named like a command', () => {
    expect(parseArgv(['--yes', './validate'])).toMatchObject({ kind: 'create', directory: './validate' });
  });

  it('reads validate with its defaults, and its own options after its name', () => {
    expect(parseArgv(['validate'])).toEqual({ kind: 'validate', flags: { matrix: 'pairwise' } });
    expect(parseArgv(['validate', '--matrix', 'full', '--jobs', '4', '--install', '--junit', 'r.xml', '--json'])).toEqual({
      kind: 'validate',
      flags: { matrix: 'full', jobs: 4, install: true, junit: 'r.xml', json: true },
    });
  });

  it('reads add resource: its name and its flags', () => {
    expect(parseArgv(['add', 'resource', 'orders', '--fields', 'total:number,note:text?', '--dir', 'svc', '--private', '--dry-run', '-y', '--json', '--force', '--verbose'])).toEqual({
      kind: 'add-resource',
      name: 'orders',
      flags: { fields: 'total:number,note:text?', dir: 'svc', private: true, dryRun: true, yes: true, json: true, force: true, verbose: true },
    });
    expect(parseArgv(['add', 'resource', 'line-items'])).toEqual({ kind: 'add-resource', name: 'line-items', flags: {} });
  });

  it('reads update and its flags, rather than creating a project called "update"', () => {
    expect(parseArgv(['update'])).toEqual({ kind: 'update', flags: {} });
    expect(parseArgv(['update', '--check', '--dry-run', '--json', '--dir', 'svc', '--force', '--no-install'])).toEqual({
      kind: 'update',
      flags: { check: true, dryRun: true, json: true, dir: 'svc', force: true, install: false },
    });
    expect(() => parseArgv(['update', 'svc'])).toThrow('create-scaled-api update takes no arguments (got "svc").');
    expect(printed(['update', '--help'])).toMatch(/^Usage: create-scaled-api update \[options\]/);
  });

  it('answers --help before checking the other options, and -v with the version', () => {
    expect(printed(['--databse', '--help'])).toMatch(/^Usage: create-scaled-api \[directory\] \[options\]/);
    expect(printed(['--help', 'validate'])).toMatch(/^Usage: create-scaled-api \[directory\] \[options\]/);
    expect(printed(['validate', '-h'])).toMatch(/^Usage: create-scaled-api validate \[options\]/);
    expect(printed(['add', '--help'])).toMatch(/^Usage: create-scaled-api add <command> \[options\]/);
    expect(printed(['add', 'resource', '-h'])).toMatch(/^Usage: create-scaled-api add resource <name> \[options\]/);
    expect(printed(['-v'])).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?\n$/);
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
    [['validate', 'extra'], 'create-scaled-api validate takes no arguments (got "extra").'],
    [['add'], 'create-scaled-api add needs a command: resource.'],
    [['add', 'resorce'], 'Unknown command "add resorce". Did you mean "add resource"?'],
    [['add', 'resource'], 'Missing the resource name: create-scaled-api add resource <name>.'],
    [['add', 'resource', 'orders', 'users'], 'One resource name, not 2: "orders", "users".'],
    [['add', 'resource', 'orders', '--db', 'none'], 'Unknown option --db.'],
    [['add', 'resource', 'orders', '--feilds', 'a:string'], 'Unknown option --feilds. Did you mean --fields?'],
    [['--yes', 'add', 'resource', 'orders'], 'Unexpected --yes before "add": its options go after it.'],
  ])('refuses %j with one line that says why', (args, message) => {
    const error = errorOf(args);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toBe(`Run create-scaled-api${hintedCommand(args)} --help for the options.`);
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

describe('--help', () => {
  it('lists every option of the command, negations and choices included, within 80 columns', () => {
    const text = printed(['--help']);
    for (const o of createCommand.options) expect(text).toContain(`--${o.long}`);
    expect(text).toContain('--no-install');
    expect(text).toContain('(choices: "postgres", "none")');
    expect(text).toMatch(/Commands:\n\s+validate \[options\]/);
    expect(text).toMatch(/\n\s+add /);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows validate its own options and defaults, without the version', () => {
    const text = printed(['validate', '--help']);
    expect(text).toContain('default: "pairwise"');
    expect(text).not.toContain('--version');
  });

  it('shows add resource its argument and every option of its table', () => {
    const text = printed(['add', 'resource', '--help']);
    expect(text).toMatch(/Arguments:\n\s+name\s+plural resource name/);
    for (const o of addResourceCommand.options) expect(text).toContain(`--${o.long}`);
  });
});
