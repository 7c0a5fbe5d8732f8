// A fresh PostgreSQL database on the machine's server (127.0.0.1:5432, user postgres, trust).
import { run, tail } from './proc.mjs';

const base = { host: '127.0.0.1', port: 5432, user: 'postgres' };

async function psql(sql, database = 'postgres', timeoutMs = 30_000) {
  return run('psql', ['-h', base.host, '-p', String(base.port), '-U', base.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { timeoutMs });
}

/** Runs SQL in one database of the machine's server; throws with psql's message. */
export async function sqlIn(database, sql, timeoutMs) {
  const r = await psql(sql, database, timeoutMs);
  if (r.code !== 0) throw new Error(`psql on ${database}: ${tail(r.stderr)}`);
}

export async function createDatabase(name) {
  const r = await psql(`CREATE DATABASE "${name}"`);
  if (r.code !== 0) throw new Error(`psql could not create database ${name}: ${tail(r.stderr)}`);
  return `postgres://${base.user}@${base.host}:${base.port}/${name}`;
}

export async function dropDatabase(name) {
  await psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export async function redisUp() {
  const r = await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'], { timeoutMs: 5000 });
  return r.code === 0 && r.stdout.includes('PONG');
}
