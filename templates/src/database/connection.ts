import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PoolConfig } from 'pg';
import { startPglite } from './pglite.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  /** node-postgres pool size per process; replicas × poolSize must fit max_connections. PGlite: always 1. */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return { ...(await openPool({ connectionString: options.databaseUrl }, options.poolSize ?? 10)), kind: 'postgres' };
  }
  return openPglite(options.pgliteDataDir);
}

type Connection = Omit<Database, 'kind'>;

async function openPool(target: PoolConfig, max: number): Promise<Connection> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({
    ...target,
    max,
    // Fail fast instead of queueing forever when the database is unreachable;
    // the request then answers 503 and nginx can retry another replica.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  // An idle client losing its connection emits 'error' on the pool; without a
  // listener that would crash the process. The next query reconnects.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/**
 * Embedded PGlite, reached like a PostgreSQL server (see pglite.ts): it runs
 * in a worker thread, so a slow query never stalls the requests the event
 * loop is serving meanwhile.
 */
async function openPglite(dataDir: string): Promise<Database> {
  const server = await startPglite(dataDir);
  // PGlite runs one statement at a time and pglite-socket interleaves the
  // statements of several connections: one connection keeps a transaction whole.
  const pool = await openPool(server.connection, 1);
  return {
    ...pool,
    kind: 'pglite',
    close: async () => {
      await pool.close();
      await server.stop();
    },
  };
}
