import { FIELD_NAME_PATTERN, RESOURCE_NAME_PATTERN, reservedFieldNames, reservedResourceNames } from '../answers/types.js';

// Words that cannot name a resource or a field: the generated code uses
// the names as identifiers (`const orders`, `order.total`), so a reserved word
// of JavaScript would not compile.
const jsReserved = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for ' +
    'function if implements import in instanceof interface let new null package private protected public return static super switch ' +
    'this throw true try typeof var void while with yield undefined'
  ).split(' '),
);

export const isReservedWord = (word: string) => jsReserved.has(word);

/** Paths and modules the generated service already owns; a resource of that name would shadow them. */
const takenByTheService = new Set(['health', 'metrics', 'docs', 'auth', 'index', 'resources', 'openapi', 'swagger', 'static', 'public']);

export const MAX_NAME_LENGTH = 40;

const kebab = new RegExp(RESOURCE_NAME_PATTERN);
const camel = new RegExp(FIELD_NAME_PATTERN);

export const camelCaseOf = (kebabName: string) => kebabName.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Why `name` cannot be a resource's name, or undefined when it can. */
export function resourceNameProblem(name: string): string | undefined {
  if (!kebab.test(name)) return 'must be lowercase words joined by "-", starting with a letter (orders, line-items)';
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters (it names tables and indexes)`;
  if (takenByTheService.has(name) || (reservedResourceNames as readonly string[]).includes(name)) return 'is reserved: the service already has it';
  if (jsReserved.has(camelCaseOf(name))) return 'is a reserved word in JavaScript';
  return undefined;
}

/** Why `name` cannot be a field's name, or undefined when it can. */
export function fieldNameProblem(name: string): string | undefined {
  if (!camel.test(name)) return 'must be camelCase letters and digits, starting with a lowercase letter (dueDate)';
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if ((reservedFieldNames as readonly string[]).includes(name)) return ['id', 'createdAt', 'updatedAt'].includes(name) ? 'is made for every resource already' : 'is reserved';
  if (jsReserved.has(name)) return 'is a reserved word in JavaScript';
  return undefined;
}
