import Handlebars from 'handlebars';

// One isolated instance, so helpers never leak into another user of the
// handlebars module.
const hbs = Handlebars.create();

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
hbs.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
hbs.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
hbs.registerHelper('not', (a: unknown) => !a);
hbs.registerHelper('json', (value: unknown) => JSON.stringify(value, null, 2));

export interface TemplateProblem {
  message: string;
  line?: number;
}

/** Renders one template; strict so a missing variable is an error, never an empty string. */
export function renderTemplate(source: string, context: object): string {
  // Configs and code are not HTML: escaping would turn ' into &#x27;.
  return hbs.compile(source, { strict: true, noEscape: true })(context);
}

/** Handlebars puts the position in the message in several shapes; pull the line out of it. */
export function describeTemplateError(error: unknown): TemplateProblem {
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
