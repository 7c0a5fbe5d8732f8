// The JSON Schema of answers files (presets and `.scaled-api.json`), built
// from the same constants the flags and prompts use, so a choice added there
// is a choice the schema accepts. `npm run schema` writes it to
// schemas/answers.schema.json; a test fails while that file differs.
import { answerSpecs } from '../features/index.js';
import type { AnswerKey, JsonSchema } from '../features/types.js';
import { type Answers, defaultAnswers, FIELD_NAME_PATTERN, fieldTypes, RESOURCE_NAME_PATTERN, reservedFieldNames, reservedResourceNames } from './types.js';

export type { JsonSchema } from '../features/types.js';

/** Format of answers files: 1 had no `version` key, 2 adds it and `resources`, 3 adds `auth`. */
export const ANSWERS_FORMAT_VERSION = 3;

export const SCHEMA_ID = 'https://unpkg.com/create-scaled-api/schemas/answers.schema.json';

/** Where a generated project's `.scaled-api.json` points its `$schema`: the schema of the CLI version that wrote it. */
export function schemaUrl(cliVersion: string): string {
  return `https://unpkg.com/create-scaled-api@${cliVersion}/schemas/answers.schema.json`;
}

// npm's rule for new package names; validate-npm-package-name still runs on
// the name afterwards (it also knows the reserved and core-module names).
const NPM_NAME_PATTERN = '^(?:@[a-z0-9-*~][a-z0-9-*._~]*/)?[a-z0-9-~][a-z0-9-._~]*$';
const SEMVER_PATTERN = '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

/** What each pattern means, in words, for error messages. */
export const patternRules: ReadonlyMap<string, string> = new Map([
  [NPM_NAME_PATTERN, 'a valid npm package name (lowercase letters, digits, "-", "." or "_", optionally @scope/)'],
  [SEMVER_PATTERN, 'a version such as 1.2.3'],
  [RESOURCE_NAME_PATTERN, 'plural, lowercase words joined by "-" (orders, line-items)'],
  [FIELD_NAME_PATTERN, 'a camelCase name starting with a letter (price, dueAt)'],
]);

// The project's own answers first and last; each feature's between, in the
// order of the features list.
const answerSchemas = {
  name: { type: 'string', minLength: 1, maxLength: 214, pattern: NPM_NAME_PATTERN, description: 'npm package name of the project. Default: the name of the target folder.' },
  ...(Object.fromEntries(answerSpecs.map((a) => [a.key, a.schema])) as Record<AnswerKey, JsonSchema>),
  resources: {
    type: 'array',
    items: { $ref: '#/$defs/resource' },
    maxItems: 200,
    default: defaultAnswers.resources,
    description: 'Resources of the API, in the order they were added; each is a folder src/resources/<name>/. Default: items and users.',
  },
} satisfies { [K in keyof Answers]-?: JsonSchema };

const resourceSchema: JsonSchema = {
  type: 'object',
  description: 'One resource: CRUD routes, model, repository, cache and tests under src/resources/<name>/.',
  properties: {
    name: {
      type: 'string',
      maxLength: 50,
      pattern: RESOURCE_NAME_PATTERN,
      not: { enum: [...reservedResourceNames] },
      description: 'Plural, lowercase words joined by "-" (orders, line-items); the singular, type and table names derive from it.',
    },
    fields: { type: 'array', items: { $ref: '#/$defs/field' }, minItems: 1, maxItems: 100, description: 'Fields besides id, createdAt and updatedAt, which every resource has.' },
    private: { type: 'boolean', default: false, description: 'Reads need a bearer token too (with auth on).' },
  },
  required: ['name', 'fields'],
  additionalProperties: false,
};

const fieldSchema: JsonSchema = {
  type: 'object',
  description: 'One field of a resource; its column is the snake_case form of its name.',
  properties: {
    name: { type: 'string', maxLength: 50, pattern: FIELD_NAME_PATTERN, not: { enum: [...reservedFieldNames] }, description: 'camelCase property name.' },
    type: { type: 'string', enum: [...fieldTypes], description: 'string is 1-200 characters; text is longer; datetime is an ISO 8601 date-time.' },
    optional: { type: 'boolean', default: false, description: 'Nullable, and may be left out on create.' },
    unique: { type: 'boolean', default: false, description: 'A unique index: a duplicate answers 409. Only for string and email fields.' },
    minimum: { type: 'number', description: 'Lower bound. Only for integer and number fields.' },
  },
  required: ['name', 'type'],
  additionalProperties: false,
  dependentSchemas: {
    unique: { properties: { type: { enum: ['string', 'email'] } } },
    minimum: { properties: { type: { enum: ['integer', 'number'] } } },
  },
};

/** The whole schema, as published in schemas/answers.schema.json. */
export function buildAnswersSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'create-scaled-api answers',
    description:
      'The answers a project is generated from: a preset for `create-scaled-api --preset <file>`, or the `.scaled-api.json` that create writes and add and update read. Every answer may be left out of a preset; it then takes its default.',
    type: 'object',
    properties: {
      $schema: { type: 'string', maxLength: 2000, description: 'Where editors find this schema.' },
      version: {
        type: 'integer',
        const: ANSWERS_FORMAT_VERSION,
        description: `Format of this file. ${ANSWERS_FORMAT_VERSION} is the current one; a file without a version is format 1 and is upgraded when read.`,
      },
      templateVersion: { type: 'string', maxLength: 256, pattern: SEMVER_PATTERN, description: 'The create-scaled-api version whose templates made the project; update renders its merge base from it.' },
      answers: { $ref: '#/$defs/answers' },
    },
    required: ['version', 'answers'],
    additionalProperties: false,
    $defs: {
      answers: { type: 'object', properties: answerSchemas, additionalProperties: false },
      resource: resourceSchema,
      field: fieldSchema,
    },
  };
}

/** A project's `.scaled-api.json` holds every answer and its template version, which a preset may leave out. */
export function buildProjectFileSchema(): JsonSchema {
  return {
    type: 'object',
    $ref: SCHEMA_ID,
    required: ['templateVersion'],
    // Named again here (as `true`, no further rule) because ajv's strict mode wants every required key among the properties beside it.
    properties: {
      templateVersion: true,
      answers: { type: 'object', properties: Object.fromEntries(Object.keys(answerSchemas).map((key) => [key, true])), required: Object.keys(answerSchemas) },
    },
  };
}

/** The schema file's text, exactly as committed. */
export function answersSchemaText(): string {
  return `${JSON.stringify(buildAnswersSchema(), null, 2)}\n`;
}
