import { UserError } from '../errors.js';

export class TemplateError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super(`Template ${file}${line ? `:${line}` : ''}: ${problem}`, 'Fix the template, then run `create-scaled-api validate --template <dir>`.');
    this.name = 'TemplateError';
  }
}

/** Handlebars puts the position in the message in several shapes; pull the line out of it. */
export function describeTemplateError(error: unknown): { message: string; line?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const fromLoc = (error as { lineNumber?: number } | null)?.lineNumber;
  const parse = /Parse error on line (\d+)/.exec(message);
  const strict = / - (\d+):(\d+)\s*$/.exec(message);
  const line = fromLoc ?? (parse ? Number(parse[1]) : strict ? Number(strict[1]) : undefined);
  const first = message
    .replace(/ - \d+:\d+\s*$/, '')
    .replace(/ in \[object Object\]/, '')
    .split('\n')[0]!
    .trim();
  return { message: first, line };
}
