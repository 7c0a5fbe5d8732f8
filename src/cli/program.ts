import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors.js';
import { VERSION } from '../version.js';
import {
  addCommand,
  addResourceCommand,
  createCommand,
  validateCommand,
  type AddResourceFlags,
  type CommandSpec,
  type CreateFlags,
  type OptionSpec,
  type UpdateFlags,
  updateCommand,
  type ValidateFlags,
} from './options.js';

export type ParsedCommand =
  | { kind: 'create'; directory: string | undefined; flags: CreateFlags }
  | { kind: 'validate'; flags: ValidateFlags }
  | { kind: 'add-resource'; name: string; flags: AddResourceFlags }
  | { kind: 'update'; flags: UpdateFlags }
  /** --help or --version: the text commander made, for stdout. */
  | { kind: 'print'; text: string };

export class ArgvError extends UserError {
  constructor(message: string, command: CommandSpec) {
    super(message, `Run create-scaled-api${command.name ? ` ${command.name}` : ''} --help for the options.`);
  }
}

const longName = (flag: string) => flag.replace(/^--/, '').replace(/=.*/, '');

/**
 * Converts and checks an option's text. Throwing our own error rather than
 * commander's InvalidArgumentError keeps the message ours: commander passes
 * anything else through untouched.
 */
function valueParser(spec: OptionSpec, command: CommandSpec): (text: string) => unknown {
  const flag = `--${spec.long}`;
  return (text) => {
    // Commander takes the next word as the value even when it is another
    // option (`--name --yes`): that is a missing value, not a name.
    if (text.startsWith('-')) throw new ArgvError(`Option ${flag} needs a value: ${flag} ${spec.value}.`, command);
    if (spec.choices && !spec.choices.includes(text)) {
      throw new ArgvError(`Invalid ${flag} "${text}". Allowed choices are ${spec.choices.join(', ')}.`, command);
    }
    if (!spec.parse) return text;
    try {
      return spec.parse(text);
    } catch (error) {
      throw new ArgvError(`Invalid ${flag} "${text}": ${(error as Error).message}.`, command);
    }
  };
}

function optionsOf(spec: OptionSpec, command: CommandSpec): Option[] {
  const flags = `${spec.short ? `-${spec.short}, ` : ''}--${spec.long}${spec.value ? ` ${spec.value}` : ''}`;
  const option = new Option(flags, spec.description);
  // Choices first: they are what --help lists; the parser after them gives the message.
  if (spec.choices) option.choices(spec.choices);
  if (spec.value) option.argParser(valueParser(spec, command));
  if (spec.default !== undefined) option.default(spec.parse ? spec.parse(spec.default) : spec.default);
  // Defined after its positive form, `--no-x` leaves the flag undefined until one of them is given.
  return spec.negation ? [option, new Option(`--no-${spec.long}`, spec.negation)] : [option];
}

/** Commander's message for an unknown option, said the way the rest of the CLI says things. */
function unknownOption(message: string, command: CommandSpec): ArgvError {
  const flag = /unknown option '(.*?)'/.exec(message)?.[1] ?? '';
  const name = longName(flag);
  const spec = (long: string) => command.options.find((o) => o.long === long && !o.value);
  if (flag.startsWith('--') && flag.includes('=') && (spec(name) ?? spec(name.replace(/^no-/, ''))?.negation)) {
    return new ArgvError(`Option --${name} takes no value (got ${flag}).`, command);
  }
  const plain = name.startsWith('no-') ? spec(name.slice(3)) : undefined;
  if (plain && !plain.negation) return new ArgvError(`Unknown option ${flag}: --${plain.long} is off unless it is given.`, command);
  const meant = /\(Did you mean (.+?)\?\)/.exec(message)?.[1];
  return new ArgvError(`Unknown option ${flag}.${meant ? ` Did you mean ${meant}?` : ''}`, command);
}

/** Commander's parse errors (it writes none itself, see configureOutput) → one line with a hint. */
function fromCommander(error: CommanderError, spec: CommandSpec, command: Command): Error {
  const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return error;
    case 'commander.unknownOption':
      return unknownOption(error.message, spec);
    case 'commander.optionMissingArgument': {
      const flags = /option '(.*?)' argument missing/.exec(error.message)?.[1] ?? '';
      const long = /--[\w-]+/.exec(flags)?.[0];
      return new ArgvError(`Option ${long} needs a value: ${flags.replace(/^-\w, /, '')}.`, spec);
    }
    case 'commander.excessArguments': {
      const words = command.args;
      if (!spec.argument) return new ArgvError(`create-scaled-api ${spec.name} takes no arguments (got ${quoted(words.slice(0, 1))}).`, spec);
      return new ArgvError(`One ${spec.argument.noun}, not ${words.length}: ${quoted(words)}.`, spec);
    }
    case 'commander.missingArgument':
      return new ArgvError(`Missing the ${spec.argument?.noun}: create-scaled-api ${spec.name} <${spec.argument?.name}>.`, spec);
    case 'commander.unknownCommand': {
      const meant = /\(Did you mean (.+?)\?\)/.exec(error.message)?.[1];
      return new ArgvError(`Unknown command "${spec.name} ${command.args[0]}".${meant ? ` Did you mean "${spec.name} ${meant}"?` : ''}`, spec);
    }
    case 'commander.help':
      // A group called without its subcommand (`create-scaled-api add`).
      return new ArgvError(`create-scaled-api ${spec.name} needs a command: ${command.commands.map((c) => c.name()).join(', ')}.`, spec);
    default:
      return new ArgvError(error.message.replace(/^error: /, '').replace(/^./, (c) => c.toUpperCase()), spec);
  }
}

/**
 * An option of `parent` given before the subcommand's name (`--yes validate`):
 * each command has its own options, so that is a mistake worth naming.
 */
function misplacedOption(parent: Command): string | undefined {
  const given = parent.options.find((o) => {
    const key = o.attributeName();
    return parent.getOptionValueSource(key) === 'cli' && (parent.getOptionValue(key) === false) === o.negate;
  });
  return given?.long;
}

/** One command of the table, configured so commander parses and answers --help, and we say the errors. */
function configure(command: Command, spec: CommandSpec): Command {
  command.description(spec.description).helpCommand(false).showSuggestionAfterError(true).allowExcessArguments(false);
  command.exitOverride((error) => {
    throw fromCommander(error, spec, command);
  });
  if (spec.argument) {
    const argument = spec.argument.required ? `<${spec.argument.name}>` : `[${spec.argument.name}]`;
    command.argument(argument, spec.argument.description).usage(`${argument} [options]`);
  } else command.usage('[options]');
  for (const option of spec.options.flatMap((o) => optionsOf(o, spec))) command.addOption(option);
  return command;
}

function subcommand(parent: Command, spec: CommandSpec): Command {
  const command = parent.command(spec.name.split(' ').at(-1)!);
  configure(command, spec);
  command.hook('preAction', () => {
    const misplaced = misplacedOption(parent);
    if (misplaced) throw new ArgvError(`Unexpected ${misplaced} before "${command.name()}": its options go after it.`, spec);
  });
  return command;
}

/**
 * What the command line asks for (argv without node and the script). Throws
 * an ArgvError, with the fix in its hint, for anything it cannot accept.
 */
export function parseArgv(args: readonly string[]): ParsedCommand {
  let parsed: ParsedCommand | undefined;
  let printed = '';
  const program = new Command('create-scaled-api')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    // Each command reads its own options: `validate --json` is validate's --json.
    .enablePositionalOptions()
    .configureOutput({ writeOut: (text) => (printed += text), writeErr: (text) => (printed += text), outputError: () => {} });
  configure(program, createCommand).action((directory: string | undefined, flags: CreateFlags) => {
    parsed = { kind: 'create', directory, flags };
  });
  subcommand(program, validateCommand).action((flags: ValidateFlags) => {
    parsed = { kind: 'validate', flags };
  });
  const add = subcommand(program, addCommand).usage('<command> [options]');
  subcommand(add, addResourceCommand).action((name: string, flags: AddResourceFlags) => {
    parsed = { kind: 'add-resource', name, flags };
  });
  subcommand(program, updateCommand).action((flags: UpdateFlags) => {
    parsed = { kind: 'update', flags };
  });

  try {
    program.parse(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'print', text: printed };
    throw error;
  }
  if (!parsed) throw new Error(`the command line ${JSON.stringify(args)} reached no command`);
  return parsed;
}
