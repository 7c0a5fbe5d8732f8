// Loaded only when an answers file is read: ajv and the compile cost a plain
// `create --yes` nothing.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { closest } from '../utils/closest.js';
import { ANSWERS_FORMAT_VERSION, buildAnswersSchema, buildProjectFileSchema, patternRules } from './schema.js';
import type { Resource } from './types.js';

/** Where a file breaks the schema and which rule, ready for one line: `/answers/replicas`, `must be ≤ 64`. */
export interface SchemaProblem {
  pointer: string;
  rule: string;
  hint?: string;
}

export type AnswersFileKind = 'preset' | 'project';

const schema = buildAnswersSchema();
const answerKeys = Object.keys((schema.$defs as Record<string, { properties: object }>).answers!.properties);
let ajv: Ajv2020 | undefined;
const validators = new Map<AnswersFileKind, ValidateFunction>();

/** Compiled once per process, and only the kind asked for. */
function validatorFor(kind: AnswersFileKind): ValidateFunction {
  if (!ajv) {
    // verbose: errors carry their schema and data, which the messages quote.
    // validateSchema: false skips compiling the draft 2020-12 meta-schema on
    // every run (about half the compile time); a test checks the schema against it.
    ajv = new Ajv2020({ strict: true, verbose: true, allErrors: false, validateSchema: false });
    ajv.addSchema(schema);
  }
  let validate = validators.get(kind);
  if (!validate) {
    validate = kind === 'preset' ? ajv.getSchema(schema.$id as string)! : ajv.compile(buildProjectFileSchema());
    validators.set(kind, validate);
  }
  return validate;
}

/** The first way `data` breaks the schema of its kind of file, or undefined when it matches. */
export function schemaProblem(data: unknown, kind: AnswersFileKind): SchemaProblem | undefined {
  const validate = validatorFor(kind);
  if (validate(data)) return undefined;
  return describeError(validate.errors![0]!);
}

/** What JSON Schema cannot say: resource names are unique, and so are field names within a resource. */
export function duplicateNameProblem(resources: readonly Resource[] | undefined): SchemaProblem | undefined {
  const firstOf = <T>(items: readonly T[], nameOf: (item: T) => string) => {
    const seen = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const earlier = seen.get(nameOf(item));
      if (earlier !== undefined) return { index, earlier };
      seen.set(nameOf(item), index);
    }
    return undefined;
  };
  const resource = firstOf(resources ?? [], (r) => r.name);
  if (resource) {
    return { pointer: `/answers/resources/${resource.index}/name`, rule: `repeats the name of /answers/resources/${resource.earlier} (${describeValue(resources![resource.index]!.name)})` };
  }
  for (const [r, { fields }] of (resources ?? []).entries()) {
    const field = firstOf(fields, (f) => f.name);
    if (field) {
      const base = `/answers/resources/${r}/fields`;
      return { pointer: `${base}/${field.index}/name`, rule: `repeats the name of ${base}/${field.earlier} (${describeValue(fields[field.index]!.name)})` };
    }
  }
  return undefined;
}

const answersGoUnderAnswers = `Answers go under "answers", as in a project's .scaled-api.json: { "version": ${ANSWERS_FORMAT_VERSION}, "answers": { … } }.`;

const typeWords: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** A value as a message quotes it: short, and with no character that could move a terminal's cursor. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 42 ? `${text.slice(0, 40)}…"` : text;
}

const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

function describeError(error: ErrorObject): SchemaProblem {
  const at = error.instancePath;
  const got = `(got ${describeValue(error.data)})`;
  const params = error.params as Record<string, unknown>;
  // A rule that holds only when another key is there (`minimum` needs type integer or number).
  const dependent = /\/dependentSchemas\/([^/]+)\//.exec(error.schemaPath);
  if (dependent) {
    const owner = at.slice(0, at.lastIndexOf('/'));
    const key = at.slice(at.lastIndexOf('/') + 1);
    const allowed = ((error.schema as unknown[]) ?? []).map(String).join(' or ');
    return { pointer: owner, rule: `has "${dependent[1]}", which needs ${key} ${allowed} ${got}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const near = closest(key, known);
      const hint = at === '' && answerKeys.includes(key) ? answersGoUnderAnswers : `${near ? `Did you mean "${near}"? ` : ''}Known keys here: ${known.join(', ')}.`;
      return { pointer: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, rule: 'is not a known key', hint };
    }
    case 'required':
      return { pointer: at, rule: `is missing "${String(params.missingProperty)}"`, ...(at === '' && params.missingProperty === 'answers' ? { hint: answersGoUnderAnswers } : {}) };
    case 'type':
      return { pointer: at, rule: `must be ${String(params.type).split(',').map((t) => typeWords[t] ?? t).join(' or ')} ${got}` };
    case 'enum':
      return { pointer: at, rule: `must be one of ${list(params.allowedValues as unknown[])} ${got}` };
    case 'const':
      return { pointer: at, rule: `must be ${JSON.stringify(params.allowedValue)} ${got}` };
    case 'not':
      return { pointer: at, rule: `must not be one of ${list((error.schema as { enum?: unknown[] }).enum ?? [])}, which are reserved ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const sign = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[error.keyword];
      return { pointer: at, rule: `must be ${sign} ${String(params.limit)} ${got}` };
    }
    case 'minLength':
      return { pointer: at, rule: params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { pointer: at, rule: `must be at most ${String(params.limit)} characters` };
    case 'minItems':
      return { pointer: at, rule: `must have at least ${String(params.limit)} ${params.limit === 1 ? 'entry' : 'entries'}` };
    case 'maxItems':
      return { pointer: at, rule: `must have at most ${String(params.limit)} entries` };
    case 'pattern':
      return { pointer: at, rule: `must be ${patternRules.get(String(params.pattern)) ?? `like ${String(params.pattern)}`} ${got}` };
    default:
      return { pointer: at, rule: `${error.message ?? 'breaks the schema'}` };
  }
}
