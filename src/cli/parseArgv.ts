import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { closest } from '../utils/closest.js';
import { createCommand, helpOption, subcommands, versionOption, type CommandSpec, type CreateFlags, type OptionSpec, type ValidateFlags } from './options.js';

export type ParsedCommand =
  | { kind: 'create'; directory: string | undefined; flags: CreateFlags }
  | { kind: 'validate'; flags: ValidateFlags }
  | { kind: 'help'; command: CommandSpec }
  | { kind: 'version' };

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;
type OptionToken = Extract<Token, { kind: 'option' }>;

export class ArgvError extends UserError {
  constructor(message: string, command: CommandSpec) {
    super(message, `Run create-scaled-api${command.name ? ` ${command.name}` : ''} --help for the options.`);
  }
}

const camelCase = (long: string) => long.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Splits argv into tokens with Node's own parser. Not strict: node:util's
 * messages for an unknown or malformed option are long and name no fix, so
 * `readFlags` checks each token and says what was meant.
 */
function tokenize(args: readonly string[], options: readonly OptionSpec[]): Token[] {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const o of options) {
    config[o.long] = { type: o.value ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) };
    if (o.negation) config[`no-${o.long}`] = { type: 'boolean' };
  }
  return parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true }).tokens;
}

const isOption = (token: Token, name: string): boolean => token.kind === 'option' && token.name === name;

function unknownOption(token: OptionToken, command: CommandSpec, extra: readonly OptionSpec[]): ArgvError {
  const plain = token.name.startsWith('no-') ? command.options.find((o) => o.long === token.name.slice(3) && !o.value) : undefined;
  if (plain) return new ArgvError(`Unknown option ${token.rawName}: --${plain.long} is off unless it is given.`, command);
  const names = [...command.options, ...extra].flatMap((o) => (o.negation ? [o.long, `no-${o.long}`] : [o.long]));
  const meant = token.rawName.startsWith('--') ? closest(token.name, names) : undefined;
  return new ArgvError(`Unknown option ${token.rawName}.${meant ? ` Did you mean --${meant}?` : ''}`, command);
}

/** The value of one option token (`isNegation`: it was `--no-<long>`), converted and checked against its spec. */
function valueOf(token: OptionToken, spec: OptionSpec, isNegation: boolean, command: CommandSpec): unknown {
  if (!spec.value) {
    if (token.value !== undefined) throw new ArgvError(`Option ${token.rawName} takes no value (got ${token.rawName}=${token.value}).`, command);
    return !isNegation;
  }
  // Not strict, node:util takes the next word as the value even when it is
  // another option (`--name --yes`): that is a missing value, not a name.
  if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
    throw new ArgvError(`Option ${token.rawName} needs a value: ${token.rawName} ${spec.value}.`, command);
  }
  if (spec.choices && !spec.choices.includes(token.value)) {
    throw new ArgvError(`Invalid ${token.rawName} "${token.value}". Allowed choices are ${spec.choices.join(', ')}.`, command);
  }
  if (!spec.parse) return token.value;
  try {
    return spec.parse(token.value);
  } catch (error) {
    throw new ArgvError(`Invalid ${token.rawName} "${token.value}": ${(error as Error).message}.`, command);
  }
}

/**
 * Flags and positional arguments of one command; a later flag wins over an
 * earlier one. `extra` are options answered before this (--help, --version),
 * offered as suggestions for a mistyped name.
 */
function readFlags(command: CommandSpec, tokens: readonly Token[], extra: readonly OptionSpec[] = []): { flags: Record<string, unknown>; positionals: string[] } {
  const byName = new Map(command.options.map((o) => [o.long, o]));
  const flags: Record<string, unknown> = {};
  for (const o of command.options) if (o.default !== undefined) flags[camelCase(o.long)] = o.parse ? o.parse(o.default) : o.default;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const negated = token.name.startsWith('no-') ? byName.get(token.name.slice(3)) : undefined;
    const isNegation = negated?.negation !== undefined;
    const spec = isNegation ? negated : byName.get(token.name);
    if (!spec) throw unknownOption(token, command, extra);
    flags[camelCase(spec.long)] = valueOf(token, spec, isNegation, command);
  }
  return { flags, positionals };
}

/**
 * What the command line asks for (argv without node and the script). Throws
 * an ArgvError, with the fix in its hint, for anything it cannot accept.
 */
export function parseArgv(args: readonly string[]): ParsedCommand {
  const rootExtra = [versionOption, helpOption];
  const tokens = tokenize(args, [...createCommand.options, ...rootExtra]);
  // A word after `--` is always a folder name, even one called "validate".
  const first = tokens.find((t) => t.kind === 'positional' || t.kind === 'option-terminator');
  const sub = first?.kind === 'positional' ? subcommands.find((c) => c.name === first.value) : undefined;

  if (sub && first) {
    const before = tokens.filter((t) => t.index < first.index);
    if (before.some((t) => isOption(t, 'help'))) return { kind: 'help', command: createCommand };
    const misplaced = before.find((t): t is OptionToken => t.kind === 'option');
    if (misplaced) throw new ArgvError(`Unexpected ${misplaced.rawName} before "${sub.name}": its options go after it.`, sub);
    const subTokens = tokenize(args.slice(first.index + 1), [...sub.options, helpOption]);
    if (subTokens.some((t) => isOption(t, 'help'))) return { kind: 'help', command: sub };
    const { flags, positionals } = readFlags(sub, subTokens, [helpOption]);
    if (positionals.length > 0) throw new ArgvError(`create-scaled-api ${sub.name} takes no arguments (got "${positionals[0]}").`, sub);
    return { kind: 'validate', flags: flags as unknown as ValidateFlags };
  }

  if (tokens.some((t) => isOption(t, 'help'))) return { kind: 'help', command: createCommand };
  if (tokens.some((t) => isOption(t, 'version'))) return { kind: 'version' };
  const { flags, positionals } = readFlags(createCommand, tokens, rootExtra);
  if (positionals.length > 1) {
    throw new ArgvError(`One target folder, not ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(', ')}.`, createCommand);
  }
  return { kind: 'create', directory: positionals[0], flags: flags as CreateFlags };
}
