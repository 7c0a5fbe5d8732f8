import { createCommand, helpOption, subcommands, versionOption, type CommandSpec, type OptionSpec } from './options.js';

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

function optionRows(option: OptionSpec): [string, string][] {
  const flag = `${option.short ? `-${option.short}, ` : ''}--${option.long}${option.value ? ` ${option.value}` : ''}`;
  const notes = [option.choices && `one of: ${option.choices.join(', ')}`, option.default && `default: ${option.default}`].filter(Boolean);
  const rows: [string, string][] = [[flag, notes.length ? `${option.description} (${notes.join('; ')})` : option.description]];
  if (option.negation) rows.push([`--no-${option.long}`, option.negation]);
  return rows;
}

/** The two-column sections of a help text, terms padded to one width. */
function sections(parts: [string, [string, string][]][], width: number): string[] {
  const termWidth = Math.max(...parts.flatMap(([, rows]) => rows.map(([term]) => term.length))) + 2;
  const descriptionWidth = Math.max(20, width - 2 - termWidth);
  const out: string[] = [];
  for (const [title, rows] of parts) {
    if (rows.length === 0) continue;
    out.push('', `${title}:`);
    for (const [term, description] of rows) {
      const [firstLine, ...more] = wrap(description, descriptionWidth);
      out.push(`  ${term.padEnd(termWidth)}${firstLine}`, ...more.map((l) => `  ${' '.repeat(termWidth)}${l}`));
    }
  }
  return out;
}

/** `--help` of one command, for a terminal `width` columns wide. */
export function helpText(command: CommandSpec, width = 80): string {
  const isRoot = command === createCommand;
  const usage = isRoot
    ? ['Usage: create-scaled-api [directory] [options]', ...subcommands.map((c) => `       create-scaled-api ${c.name} [options]`)]
    : [`Usage: create-scaled-api ${command.name} [options]`];
  const options = [...(isRoot ? [versionOption] : []), ...command.options, helpOption].flatMap(optionRows);
  const body = sections(
    [
      ['Arguments', command.argument ? [[command.argument.name, command.argument.description]] : []],
      ['Options', options],
      ['Commands', isRoot ? subcommands.map((c): [string, string] => [`${c.name} [options]`, c.description]) : []],
    ],
    width,
  );
  return `${[...usage, '', ...wrap(command.description, width), ...body].join('\n')}\n`;
}
