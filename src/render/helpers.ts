/** The helpers every template may use; registered on both the compiler and the runtime. */
export function registerHelpers(hbs: { registerHelper(name: string, fn: (...args: any[]) => unknown): void }): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
  hbs.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('mul', (a: number, b: number) => a * b);
  // `{{{json value 2}}}` indents every line after the first by 2 spaces, to nest in a JSON file.
  hbs.registerHelper('json', (value: unknown, ...rest: unknown[]) => {
    const indent = typeof rest[0] === 'number' ? rest[0] : 0;
    return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
  });
}

// Configs and code are not HTML: escaping would turn ' into &#x27;. Strict,
// so a missing variable is an error, never an empty string.
export const compileOptions = { strict: true, noEscape: true } as const;
