/** The helpers every template may use, by the name templates call them. */
export const templateHelpers = {
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  and: (a: unknown, b: unknown) => Boolean(a) && Boolean(b),
  or: (a: unknown, b: unknown) => Boolean(a) || Boolean(b),
  not: (a: unknown) => !a,
  mul: (a: number, b: number) => a * b,
  // `{{{json value 2}}}` indents every line after the first by 2 spaces, to nest in a JSON file.
  // Handlebars passes its options object last, so only a number counts as the indent.
  json: (value: unknown, indent?: unknown) =>
    JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(typeof indent === 'number' ? indent : 0)}`),
};

/** Registers the helpers on a Handlebars instance. */
export function registerHelpers(hbs: { registerHelper(name: string, fn: (...args: any[]) => unknown): void }): void {
  for (const [name, fn] of Object.entries(templateHelpers)) hbs.registerHelper(name, fn);
}

// Configs and code are not HTML: escaping would turn ' into &#x27;. Strict,
// so a missing variable is an error, never an empty string. Known helpers
// only: a misspelt helper fails the build instead of a render, and the
// compiled templates call each helper directly, without looking it up.
export const compileOptions = {
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(templateHelpers).map((name) => [name, true])),
} as const;
