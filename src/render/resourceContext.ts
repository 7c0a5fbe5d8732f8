import pluralize from 'pluralize';
import type { FieldType, Resource, ResourceField } from '../answers/types.js';

/** Longest `string` field (SPEC §3a) and the column that holds it. */
export const STRING_MAX_LENGTH = 200;
/** `text` is unbounded in PostgreSQL; the API still caps what one request may store. */
export const TEXT_MAX_LENGTH = 2000;
/** With auth, the resource whose rows are the accounts. */
export const ACCOUNTS_RESOURCE = 'users';
/**
 * The accounts' password hash: nullable, as a user created through POST
 * /users has no password until it registers. 200 characters hold the
 * encoded scrypt parameters, salt and hash with room to raise the cost.
 */
export const PASSWORD_HASH_COLUMN = 'password_hash';
export const PASSWORD_HASH_SQL_TYPE = 'varchar(200)';
/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX_LENGTH = 320;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

// "an order", "an update", but "a user", "a unit": a u before one consonant and a vowel sounds like "you".
const articleOf = (word: string) => (/^([aeio]|u(?![^aeiou][aeiou]))/i.test(word) ? 'an' : 'a');
/** `word` with its indefinite article. */
const a = (word: string) => `${articleOf(word)} ${word}`;
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (words: readonly string[]) => words.map((w, i) => (i === 0 ? w : capitalize(w))).join('');
const snake = (camelName: string) => camelName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const words = (camelName: string) => snake(camelName).split('_');
/** A long string, written in the test as the expression that makes it. */
class Repeated {
  constructor(readonly length: number) {}
}
const repeated = (length: number) => new Repeated(length);
const literal = (value: unknown): string =>
  value instanceof Repeated ? `'x'.repeat(${value.length})` : (typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value));

interface TypeFacts {
  /** The TypeBox schema of a value, minus `examples`. */
  typebox: (field: ResourceField) => string;
  /** drizzle's column builder for pg-core, and the function it imports. */
  drizzle: (column: string) => string;
  drizzleImport: string;
  /** The column type as drizzle-kit writes it in SQL and in its snapshot. */
  sqlType: string;
  /** A valid value numbered `n`: distinct values for distinct n, so unique fields never collide. */
  example: (field: ResourceField, n: number) => string | number | boolean;
  /** Values the schema refuses, and why, for the 400 tests. */
  invalid: (field: ResourceField) => { value: unknown; reason: string }[];
}

// Large bounds are written with digit separators, as a person would.
const numberLiteral = (v: number) => (Math.abs(v) > 9999 ? v.toLocaleString('en-US').replace(/,/g, '_') : String(v));

function bounds(minimum: number | undefined, maximum: number | undefined): string {
  const parts = [
    minimum === undefined ? undefined : `minimum: ${numberLiteral(minimum)}`,
    maximum === undefined ? undefined : `maximum: ${numberLiteral(maximum)}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`;
}

const belowMinimum = (field: ResourceField) =>
  field.minimum === undefined ? [] : [{ value: field.minimum - 1, reason: `${field.name} below ${field.minimum}` }];

const typeFacts: Record<FieldType, TypeFacts> = {
  string: {
    typebox: () => `Type.String({ minLength: 1, maxLength: ${STRING_MAX_LENGTH} })`,
    drizzle: (c) => `varchar('${c}', { length: ${STRING_MAX_LENGTH} })`,
    drizzleImport: 'varchar',
    sqlType: `varchar(${STRING_MAX_LENGTH})`,
    example: (f, n) => `${words(f.name).join(' ')} ${n}`,
    invalid: (f) => [
      ...(f.optional ? [] : [{ value: "", reason: `an empty ${f.name}` }]),
      { value: repeated(STRING_MAX_LENGTH + 1), reason: `${a(f.name)} over ${STRING_MAX_LENGTH} characters` },
    ],
  },
  text: {
    typebox: () => `Type.String({ maxLength: ${TEXT_MAX_LENGTH} })`,
    drizzle: (c) => `text('${c}')`,
    drizzleImport: 'text',
    sqlType: 'text',
    example: (f, n) => `Some ${words(f.name).join(' ')}, number ${n}.`,
    invalid: (f) => [
      { value: repeated(TEXT_MAX_LENGTH + 1), reason: `${a(f.name)} over ${TEXT_MAX_LENGTH} characters` },
    ],
  },
  integer: {
    typebox: (f) => `Type.Integer(${bounds(f.minimum ?? INT32_MIN, INT32_MAX)})`,
    drizzle: (c) => `integer('${c}')`,
    drizzleImport: 'integer',
    sqlType: 'integer',
    example: (f, n) => Math.max(f.minimum ?? 0, 0) + n,
    invalid: (f) => [
      { value: 1.5, reason: `${a(f.name)} with a fraction` },
      { value: 'seven', reason: `${a(f.name)} that is a string` },
      { value: INT32_MAX + 1, reason: `${a(f.name)} beyond 32 bits` },
      ...belowMinimum(f),
    ],
  },
  number: {
    typebox: (f) => `Type.Number(${bounds(f.minimum, undefined)})`,
    drizzle: (c) => `doublePrecision('${c}')`,
    drizzleImport: 'doublePrecision',
    sqlType: 'double precision',
    example: (f, n) => Math.max(f.minimum ?? 0, 0) + n + 0.5,
    invalid: (f) => [{ value: 'free', reason: `${a(f.name)} that is a string` }, ...belowMinimum(f)],
  },
  boolean: {
    typebox: () => 'Type.Boolean()',
    drizzle: (c) => `boolean('${c}')`,
    drizzleImport: 'boolean',
    sqlType: 'boolean',
    example: (_f, n) => n % 2 === 1,
    invalid: (f) => [{ value: 'yes', reason: `${a(f.name)} that is a string` }],
  },
  datetime: {
    typebox: () => "Type.String({ format: 'date-time' })",
    drizzle: (c) => `timestamp('${c}', { withTimezone: true, mode: 'date' })`,
    drizzleImport: 'timestamp',
    sqlType: 'timestamp with time zone',
    example: (_f, n) => new Date(Date.UTC(2026, 11, 3, 9, 30) + n * 86_400_000).toISOString(),
    invalid: (f) => [{ value: 'tomorrow', reason: `${a(f.name)} that is not a date-time` }],
  },
  email: {
    typebox: () => `Type.String({ format: 'email', maxLength: ${EMAIL_MAX_LENGTH} })`,
    drizzle: (c) => `varchar('${c}', { length: ${EMAIL_MAX_LENGTH} })`,
    drizzleImport: 'varchar',
    sqlType: `varchar(${EMAIL_MAX_LENGTH})`,
    example: (f, n) => `${words(f.name).join('.')}${n}@example.com`,
    invalid: (f) => [{ value: 'not-an-email', reason: `${a(f.name)} that is not an email address` }],
  },
};

/** What templates know about one field of a resource. */
export function fieldContext(field: ResourceField, table: string) {
  const facts = typeFacts[field.type];
  const column = snake(field.name);
  const optional = field.optional === true;
  const unique = field.unique === true;
  const typebox = facts.typebox(field);
  const uniqueConstraint = `${table}_${column}_unique`;
  const chain = `${optional ? '' : '.notNull()'}${unique ? `.unique('${uniqueConstraint}')` : ''}`;
  return {
    ...field,
    optional,
    unique,
    column,
    label: words(field.name).join(' '),
    /** "an email", "a name": for test titles. */
    aName: a(field.name),
    typebox,
    /** The value's schema with an OpenAPI example; nullable when optional. */
    schema: withExample(typebox, literal(facts.example(field, 1)), optional),
    drizzle: `${facts.drizzle(column)}${chain}`,
    drizzleImport: facts.drizzleImport,
    sqlType: facts.sqlType,
    uniqueConstraint,
    isDate: field.type === 'datetime',
    isEmail: field.type === 'email',
    /** The first example value, as a literal. */
    example: literal(facts.example(field, 1)),
    /** An expression of the `n`-th example value (`n` being in scope): distinct n, distinct values. */
    exampleExpression: exampleExpression(field),
    invalid: facts.invalid(field).map((i) => ({ value: literal(i.value), reason: i.reason })),
  };
}

function withExample(typebox: string, example: string, optional: boolean): string {
  const withOptions = typebox.endsWith('()')
    ? typebox.replace(/\(\)$/, `({ examples: [${example}] })`)
    : typebox.replace(/ \}\)$/, `, examples: [${example}] })`);
  return optional ? `Type.Union([${withOptions}, Type.Null()])` : withOptions;
}

const offsetBy = (field: ResourceField, expression: string) =>
  (field.minimum ?? 0) > 0 ? `${field.minimum} + ${expression}` : expression;

/** A literal JS expression for the `n`-th example value of a field, `n` being a variable of the test. */
function exampleExpression(field: ResourceField): string {
  switch (field.type) {
    case 'string':
      return `\`${words(field.name).join(' ')} \${n}\``;
    case 'text':
      return `\`Some ${words(field.name).join(' ')}, number \${n}.\``;
    case 'integer':
      return offsetBy(field, 'n');
    case 'number':
      return offsetBy(field, 'n + 0.5');
    case 'boolean':
      return 'n % 2 === 1';
    case 'datetime':
      return 'new Date(Date.UTC(2026, 11, 3, 9, 30) + n * 86_400_000).toISOString()';
    case 'email':
      return `\`${words(field.name).join('.')}\${n}@example.com\``;
  }
}

/**
 * Everything templates need about one resource, derived from its plural
 * name and fields: `line-items` → key `lineItems`, singular `lineItem`,
 * type `LineItem`, table `line_items`, path `/line-items`. Pure, so the
 * add command can show what it will write before writing it.
 */
export function resourceContext(resource: Resource, options: { accounts?: boolean } = {}) {
  const pluralWords = resource.name.split('-');
  const singularWords = [...pluralWords.slice(0, -1), pluralize.singular(pluralWords.at(-1)!)];
  const key = camel(pluralWords);
  const singular = camel(singularWords);
  const type = capitalize(singular);
  const table = pluralWords.join('_');
  const label = singularWords.join(' ');
  const article = articleOf(label);
  const fields = resource.fields.map((f) => {
    const field = fieldContext(f, table);
    return { ...field, conflictMessage: `${capitalize(article)} ${label} with this ${field.label} already exists` };
  });
  const drizzleImports = [...new Set(['bigint', 'pgTable', 'timestamp', ...(options.accounts ? ['varchar'] : []), ...fields.map((f) => f.drizzleImport)])].sort();
  return {
    name: resource.name,
    private: resource.private === true,
    /** The accounts of auth: its table also holds each account's password hash, which the API never shows. */
    accounts: options.accounts === true,
    key,
    singular,
    type,
    typePlural: capitalize(key),
    table,
    path: `/${resource.name}`,
    label,
    labelPlural: pluralWords.join(' '),
    article,
    /** "an order", "a user": for summaries and messages. */
    aLabel: `${article} ${label}`,
    title: capitalize(label),
    titlePlural: capitalize(pluralWords.join(' ')),
    cachePrefix: `${singular}:`,
    fields,
    requiredFields: fields.filter((f) => !f.optional),
    optionalFields: fields.filter((f) => f.optional),
    uniqueFields: fields.filter((f) => f.unique),
    hasOptional: fields.some((f) => f.optional),
    hasUnique: fields.some((f) => f.unique),
    hasDates: fields.some((f) => f.isDate),
    hasEmails: fields.some((f) => f.isEmail),
    /** Fields whose stored form differs from what the client sent (lower-cased emails, parsed dates). */
    hasConversions: fields.some((f) => f.isDate || f.isEmail),
    drizzleImports: drizzleImports.join(', '),
    /** A valid body for POST, as JSON: for curl lines in docs. */
    exampleJson: JSON.stringify(Object.fromEntries(resource.fields.map((f) => [f.name, typeFacts[f.type].example(f, 1)]))),
    /** The field PATCH tests change; every resource has at least one. */
    patchField: fields[0],
  };
}

export type ResourceContext = ReturnType<typeof resourceContext>;
