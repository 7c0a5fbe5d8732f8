import { createHash } from 'node:crypto';
import { PASSWORD_HASH_COLUMN, PASSWORD_HASH_SQL_TYPE, type ResourceContext } from './resourceContext.js';

/** A column as drizzle-kit's snapshot (format version 7) records it. */
interface SnapshotColumn {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  default?: string;
  identity?: Record<string, unknown>;
}

// The ids' sequence stops where a JavaScript number stops being exact
// (Number.MAX_SAFE_INTEGER), as the models declare it.
const ID_MAX = '9007199254740991';

function timestampColumn(name: string): SnapshotColumn {
  return { name, type: 'timestamp with time zone', primaryKey: false, notNull: true, default: 'now()' };
}

function tableSnapshot(resource: ResourceContext) {
  const columns: SnapshotColumn[] = [
    {
      name: 'id',
      type: 'bigint',
      primaryKey: true,
      notNull: true,
      identity: {
        type: 'always',
        name: `${resource.table}_id_seq`,
        schema: 'public',
        increment: '1',
        startWith: '1',
        minValue: '1',
        maxValue: ID_MAX,
        cache: '1',
        cycle: false,
      },
    },
    ...resource.fields.map((f) => ({ name: f.column, type: f.sqlType, primaryKey: false, notNull: !f.optional })),
    ...(resource.accounts ? [{ name: PASSWORD_HASH_COLUMN, type: PASSWORD_HASH_SQL_TYPE, primaryKey: false, notNull: false }] : []),
    timestampColumn('created_at'),
    timestampColumn('updated_at'),
  ];
  return {
    name: resource.table,
    schema: '',
    columns: Object.fromEntries(columns.map((c) => [c.name, c])),
    // The lists' only order is id DESC, which the primary key's index serves
    // by scanning backward: no other index is needed.
    indexes: {},
    foreignKeys: {},
    compositePrimaryKeys: {},
    uniqueConstraints: Object.fromEntries(
      resource.uniqueFields.map((f) => [f.uniqueConstraint, { name: f.uniqueConstraint, nullsNotDistinct: false, columns: [f.column] }]),
    ),
    policies: {},
    checkConstraints: {},
    isRLSEnabled: false,
  };
}

/** A UUID-shaped id that depends only on the tables, so a render stays pure. */
function stableId(tables: unknown): string {
  const hex = createHash('sha256').update(JSON.stringify(tables)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * drizzle-kit's snapshot of the first migration: what `drizzle-kit generate`
 * compares the models with. It must describe exactly the tables that
 * 0000_init.sql creates, or the project's next `generate` would write a
 * migration for tables that already exist.
 */
export function initialSnapshot(resources: readonly ResourceContext[]) {
  const tables = Object.fromEntries(resources.map((r) => [`public.${r.table}`, tableSnapshot(r)]));
  return {
    id: stableId(tables),
    prevId: '00000000-0000-0000-0000-000000000000',
    version: '7',
    dialect: 'postgresql',
    tables,
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  };
}
