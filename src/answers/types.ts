import { featureDefaults } from '../features/index.js';
import type { Auth } from '../features/auth.js';
import type { Cache } from '../features/cache.js';
import type { Ci } from '../features/githubCi.js';
import type { Db } from '../features/database.js';
import type { PackageManager } from '../features/packageManager.js';

// The choices of each answer live with their feature (src/features/); these
// names stay here because every part of the CLI reads answers through them.
export { authChoices, type Auth } from '../features/auth.js';
export { cacheChoices, type Cache } from '../features/cache.js';
export { ciChoices, type Ci } from '../features/githubCi.js';
export { dbChoices, type Db } from '../features/database.js';
export { pmChoices, type PackageManager } from '../features/packageManager.js';
export { MAX_REPLICAS, MIN_REPLICAS, replicasProblem, wholeNumberOf } from '../features/replicas.js';

/** Field types of a resource (SPEC §3a), as written in `--fields "name:type"`. */
export const fieldTypes = ['string', 'text', 'integer', 'number', 'boolean', 'datetime', 'email'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** A resource name: plural, lowercase words joined by "-" (`orders`, `line-items`). */
export const RESOURCE_NAME_PATTERN = '^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$';
/** A field name: camelCase, starting with a lowercase letter (`price`, `dueAt`). */
export const FIELD_NAME_PATTERN = '^[a-z][a-zA-Z0-9]*$';
/** Every resource has these columns already; the JavaScript object keys would misbehave as names. */
export const reservedFieldNames = ['id', 'createdAt', 'updatedAt', 'constructor', 'prototype'] as const;
export const reservedResourceNames = ['constructor', 'prototype'] as const;

/** One field of a resource: `price:number`, `note:text?` (optional), `email:email!` (unique). */
export interface ResourceField {
  /** camelCase property name; the column is its snake_case form. */
  name: string;
  type: FieldType;
  /** Nullable and may be omitted on create. */
  optional?: boolean;
  /** A unique index; a duplicate answers 409. Only for string and email. */
  unique?: boolean;
  /** Lower bound of an integer or number field (items' price is ≥ 0). */
  minimum?: number;
}

/** A resource of the generated API: one folder `src/resources/<name>/`. */
export interface Resource {
  /** Plural, lowercase, words joined by "-" (`orders`, `line-items`); singular, type and table names derive from it. */
  name: string;
  fields: ResourceField[];
  /** Reads need a bearer token too (with auth on); see `add resource --private`. */
  private?: boolean;
}

/** The two resources every project starts with; `add resource` appends to the list. */
export const defaultResources: readonly Resource[] = [
  {
    name: 'items',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'description', type: 'text', optional: true },
      { name: 'price', type: 'number', minimum: 0 },
    ],
  },
  {
    name: 'users',
    fields: [
      { name: 'email', type: 'email', unique: true },
      { name: 'name', type: 'string' },
    ],
  },
];

/** What the generated project is made of; written to `.scaled-api.json`. */
export interface Answers {
  name: string;
  db: Db;
  cache: Cache;
  replicas: number;
  auth: Auth;
  monitoring: boolean;
  docker: boolean;
  k8s: boolean;
  tracing: boolean;
  ci: Ci;
  pm: PackageManager;
  /** In the order they were added; `items` and `users` first. */
  resources: Resource[];
}

/** How this run behaves; never written into the project. */
export interface RunOptions {
  directory: string;
  templateDir: string;
  install: boolean;
  git: boolean;
  smoke: boolean;
  dryRun: boolean;
  force: boolean;
  json: boolean;
  verbose: boolean;
  interactive: boolean;
}

export const defaultAnswers: Omit<Answers, 'name' | 'pm'> = {
  ...(featureDefaults() as Omit<Answers, 'name' | 'pm' | 'resources'>),
  resources: defaultResources.map((r) => ({ ...r, fields: r.fields.map((f) => ({ ...f })) })),
};
