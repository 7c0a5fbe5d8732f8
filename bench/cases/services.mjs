// The service cases: how each server is started and made ready for a cache-hit GET.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PYTHON } from '../lib/tools.mjs';
import { createDatabase, sqlIn } from '../lib/pg.mjs';
import { freePort, isPortFree, run, startGroup, tail, waitHttp } from '../lib/proc.mjs';
import { migrate } from '../lib/projects.mjs';

const PEERS = fileURLToPath(new URL('../peers/', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
const FEATURE_OFF = fileURLToPath(new URL('../lib/feature-off.mjs', import.meta.url));
export const DEFAULT_ITEM = { id: 1, name: 'widget', description: null, price: 9.5, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

// Every production feature on at its default; only the rate limit's ceiling is
// raised so that one load generator is not throttled (the limiter still runs).
const SERVICE_ENV = { HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000000000', JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef0123' };

const BENCH_ACCOUNT = { email: 'bench@example.com', name: 'Bench', password: 'bench password of enough length' };

async function postJson(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

/**
 * The Authorization header of the bench's account on a service with auth
 * (the default); none on a project generated with --auth none.
 */
async function signIn(base) {
  const registered = await postJson(`${base}/auth/register`, BENCH_ACCOUNT);
  if (registered.status === 404) return {};
  if (registered.status !== 201 && registered.status !== 409) throw new Error(`POST /auth/register answered ${registered.status}: ${registered.text.slice(0, 200)}`);
  const login = await postJson(`${base}/auth/login`, { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password });
  if (login.status !== 200) throw new Error(`POST /auth/login answered ${login.status}: ${login.text.slice(0, 200)}`);
  return { authorization: `Bearer ${JSON.parse(login.text).accessToken}` };
}

async function createItem(base) {
  const auth = await signIn(base);
  const { status, text } = await postJson(`${base}/items`, { name: 'widget', price: 9.5 }, auth);
  if (status !== 201) throw new Error(`POST /items answered ${status}: ${text.slice(0, 200)}`);
  const item = JSON.parse(text);
  // Two reads: the first fills the cache, the second must be a hit.
  let body = '';
  for (let i = 0; i < 2; i++) {
    const get = await fetch(`${base}/items/${item.id}`, { signal: AbortSignal.timeout(10_000) });
    body = await get.text();
    if (get.status !== 200) throw new Error(`GET /items/${item.id} answered ${get.status}: ${body.slice(0, 200)}`);
  }
  return { url: `${base}/items/${item.id}`, itemJson: body, authorization: auth.authorization };
}

async function startBareFastify(ctx, id, node) {
  const from = [ctx.projects.default, ctx.projects.nocache].find((p) => p && !p.error && fs.existsSync(path.join(p.dir, 'node_modules', 'fastify')));
  const port = await freePort();
  const child = startGroup(node, [path.join(PEERS, 'bare-fastify.mjs')], {
    cwd: PEERS,
    env: { PORT: port, ITEM_JSON: ctx.itemJson, FASTIFY_FROM: from?.dir },
    logFile: logFile(ctx, id),
  });
  const url = `http://127.0.0.1:${port}/items/${JSON.parse(ctx.itemJson).id}`;
  await waitHttp(url, 30_000, child);
  const version = JSON.parse(fs.readFileSync(path.join(from?.dir ?? path.join(PEERS, '..'), 'node_modules', 'fastify', 'package.json'), 'utf8')).version;
  return { child, rssPid: child.pid, url, note: `fastify ${version}${from ? ' (generated project\'s copy)' : ' (bench copy: generated project unavailable)'}` };
}

function logFile(ctx, id) {
  return path.join(ctx.logDir, `${id}.log`);
}

function node26(ctx) {
  if (!ctx.node26?.path) throw new Error(`Node 26 unavailable: ${ctx.node26?.error ?? 'not installed'}`);
  return ctx.node26.path;
}

/** One generated server (built dist/main.js) with an item created and cached; also used by ab.mjs. */
export async function startGenerated(ctx, id, project, env, node = process.execPath, nodeArgs = []) {
  if (!project || project.error) throw new Error(`project unavailable: ${project?.error ?? 'not generated'}`);
  const port = await freePort();
  const child = startGroup(node, [...nodeArgs, 'dist/main.js'], {
    cwd: project.dir,
    env: { ...SERVICE_ENV, PORT: port, DATABASE_URL: undefined, REDIS_URL: undefined, ...env },
    logFile: logFile(ctx, id),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/health/live`, 90_000, child);
  return { child, rssPid: child.pid, ...(await createItem(base)) };
}

function pgliteDir(ctx, id) {
  const parent = path.join(ctx.workDir, 'pglite');
  fs.mkdirSync(parent, { recursive: true });
  return path.join(parent, id);
}

/** Case 4 loaded with another request: `shape` turns the started server into its wrk request. */
async function startAuthenticated(ctx, id, env, shape) {
  const started = await startOnPglite(ctx, id, ctx.projects.default, env);
  if (started.authorization === undefined) throw new Error('the default project has no auth');
  return { ...started, ...shape(started) };
}

/** A generated server on embedded PGlite, in a data folder of its own named after the case. */
function startOnPglite(ctx, id, project, env = {}, node, nodeArgs) {
  return startGenerated(ctx, id, project, { PGLITE_DATA_DIR: pgliteDir(ctx, id), ...env }, node, nodeArgs);
}

/**
 * Case 4 with one feature that has no setting of its own turned off by
 * lib/feature-off.mjs, preloaded for the bench only (see there).
 */
function startWithFeatureOff(ctx, id, feature) {
  return startOnPglite(ctx, id, ctx.projects.default, { BENCH_FEATURE_OFF: feature }, process.execPath, ['--import', FEATURE_OFF]);
}

/** The NestJS peer (peers/nest), compiled with tsc as `nest build` would, then started with node. */
async function startNest(ctx, id) {
  const nestDir = path.join(PEERS, 'nest');
  const tsc = path.join(BENCH_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) throw new Error('bench dependencies not installed (cd bench && npm ci)');
  const build = await run(process.execPath, [tsc, '-p', nestDir], { cwd: nestDir, timeoutMs: 120_000 });
  if (build.code !== 0) throw new Error(`tsc -p peers/nest failed: ${tail(build.stdout + build.stderr)}`);
  const port = await freePort();
  const child = startGroup(process.execPath, [path.join(nestDir, 'dist', 'main.js')], {
    cwd: nestDir,
    env: { PORT: port, ITEM_JSON: ctx.itemJson, NODE_ENV: 'production' },
    logFile: logFile(ctx, id),
  });
  const url = `http://127.0.0.1:${port}/items/${JSON.parse(ctx.itemJson).id}`;
  await waitHttp(url, 30_000, child);
  const version = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'node_modules', '@nestjs', 'core', 'package.json'), 'utf8')).version;
  return { child, rssPid: child.pid, url, note: `@nestjs/core ${version}, @nestjs/platform-express` };
}

function needPg(ctx) {
  if (!ctx.pgUrl) throw new Error(`PostgreSQL unavailable: ${ctx.pgError}`);
}
function needRedis(ctx) {
  if (!ctx.redisOk) throw new Error('Redis on 127.0.0.1:6379 does not answer PING');
}

async function startUvicorn(ctx, id, module, env) {
  const port = await freePort();
  const child = startGroup(
    PYTHON,
    ['-m', 'uvicorn', `${module}:app`, '--host', '127.0.0.1', '--port', String(port), '--loop', 'uvloop', '--http', 'httptools', '--no-access-log', '--log-level', 'warning'],
    { cwd: PEERS, env: { ITEM_JSON: ctx.itemJson, ...env }, logFile: logFile(ctx, id) },
  );
  const url = `http://127.0.0.1:${port}/items/${JSON.parse(ctx.itemJson).id}`;
  await waitHttp(url, 30_000, child);
  return { child, rssPid: child.pid, url };
}

async function consecutiveFreePorts(count, from = 18100) {
  for (let p = from; p < 60000; p += count) {
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await isPortFree(p + i);
    if (ok) return p;
  }
  throw new Error('no free port range');
}

/** `npm run cluster` (scripts/cluster/main.ts) with 2 replicas and nginx, against the machine's PostgreSQL. */
async function startCluster(ctx, id, project, env) {
  if (!project || project.error) throw new Error(`project unavailable: ${project?.error ?? 'not generated'}`);
  if (!fs.existsSync(path.join(project.dir, 'scripts', 'cluster', 'main.ts'))) throw new Error('skipped: the project has no scripts/cluster/main.ts (npm run cluster)');
  needPg(ctx);
  const first = await consecutiveFreePorts(4);
  const port = first + 2;
  const child = startGroup(
    process.execPath,
    ['--import', 'tsx', 'scripts/cluster/main.ts', '--replicas', '2', '--base-port', String(first), '--port', String(port), '--status-port', String(port + 1), '--no-build'],
    { cwd: project.dir, env: { ...SERVICE_ENV, DATABASE_URL: ctx.pgUrl, REDIS_URL: undefined, ...env }, logFile: logFile(ctx, id) },
  );
  for (const p of [first, first + 1]) await waitHttp(`http://127.0.0.1:${p}/health/live`, 120_000, child);
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/health/live`, 30_000, child);
  return { child, rssPid: child.pid, rssTree: true, ...(await createItem(base)), note: 'RSS: runner + nginx + both replicas' };
}

/**
 * A database of its own holding `rows` items, seeded in one INSERT … SELECT
 * generate_series; made once per size and shared by the cases that list it.
 * run.mjs drops every name it leaves in ctx.listDatabases.
 */
function itemsDatabase(ctx, rows) {
  needPg(ctx);
  ctx.listDatabases ??= new Map();
  if (!ctx.listDatabases.has(rows)) {
    const name = `${ctx.dbName}_items_${rows}`;
    const made = (async () => {
      const url = await createDatabase(name);
      await migrate(ctx.projects.default.dir, url);
      await sqlIn(name, `INSERT INTO items (name, price) SELECT 'item ' || n, n % 1000 FROM generate_series(1, ${rows}) AS n; ANALYZE items;`, 300_000);
      return url;
    })();
    ctx.listDatabases.set(rows, { name, made });
  }
  return ctx.listDatabases.get(rows).made;
}

/**
 * The generated service (every default feature on) listing a table of
 * `rows` items on PostgreSQL: the first page of 20, or with `deep` a page
 * from the middle, through a cursor made by the project's own encoder.
 */
async function startList(ctx, id, rows, { deep = false } = {}) {
  const project = ctx.projects.default;
  if (!project || project.error) throw new Error(`project unavailable: ${project?.error ?? 'not generated'}`);
  const databaseUrl = await itemsDatabase(ctx, rows);
  const port = await freePort();
  const child = startGroup(process.execPath, ['dist/main.js'], {
    cwd: project.dir,
    env: { ...SERVICE_ENV, PORT: port, DATABASE_URL: databaseUrl, REDIS_URL: undefined },
    logFile: logFile(ctx, id),
  });
  let query = 'limit=20';
  if (deep) {
    const pagination = path.join(project.dir, 'dist', 'resources', 'pagination.js');
    if (!fs.existsSync(pagination)) throw new Error('skipped: the project has no cursor pagination (dist/resources/pagination.js)');
    const { encodeCursor } = await import(pathToFileURL(pagination).href);
    query += `&cursor=${encodeCursor(Math.floor(rows / 2) + 1)}`;
  }
  const url = `http://127.0.0.1:${port}/items?${query}`;
  await waitHttp(url, 90_000, child);
  const page = await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).json();
  if (page.data?.length !== 20) throw new Error(`GET /items?${query} answered ${page.data?.length ?? 'no'} items, not 20`);
  return { child, rssPid: child.pid, url, note: `${rows.toLocaleString('en')} rows${deep ? `, page from id ${Math.floor(rows / 2)} down` : ''}` };
}

/** Peers are started after the generated services so they can serve the very same item JSON. */
export const cases = [
  {
    id: 'bare-fastify',
    n: '1',
    label: 'Bare Fastify 5, item from a Map',
    peer: true,
    start: (ctx) => startBareFastify(ctx, 'bare-fastify', process.execPath),
  },
  {
    id: 'bare-fastapi',
    n: '2',
    label: 'Bare FastAPI + uvicorn (uvloop, httptools)',
    peer: true,
    start: (ctx) => startUvicorn(ctx, 'bare-fastapi', 'bare_fastapi', {}),
  },
  {
    id: 'seed-fastapi',
    n: '3',
    label: "FastAPI with the seed's practices (Redis cache-aside)",
    peer: true,
    start: (ctx) => {
      needRedis(ctx);
      return startUvicorn(ctx, 'seed-fastapi', 'seed_fastapi', { BENCH_SEED_CACHE: 'redis' });
    },
  },
  {
    id: 'seed-fastapi-dict',
    n: '3m',
    label: "FastAPI with the seed's practices, in-process dict cache",
    peer: true,
    start: (ctx) => startUvicorn(ctx, 'seed-fastapi-dict', 'seed_fastapi', { BENCH_SEED_CACHE: 'dict' }),
  },
  {
    id: 'gen-memory-pglite',
    n: '4',
    label: 'Generated: cache hit, memory cache, PGlite',
    start: (ctx) => startOnPglite(ctx, 'gen-memory-pglite', ctx.projects.default),
  },
  {
    id: 'nest',
    n: '8',
    label: 'NestJS 11 as `nest new` makes it (Express platform), item from a Map',
    peer: true,
    start: (ctx) => startNest(ctx, 'nest'),
  },
  // Case 4 with one feature switched off, loaded in the same rounds: what
  // that feature costs, as a measured fact beside 4/1. Not goals, and not how
  // the service ships. The access log and the rate limit go through their own
  // settings; the others through a bench-only preload (lib/feature-off.mjs).
  {
    id: 'gen-memory-pglite-no-access-log',
    n: '4q',
    label: 'Case 4 without the access-log line (LOG_LEVEL=warn)',
    start: (ctx) => startOnPglite(ctx, 'gen-memory-pglite-no-access-log', ctx.projects.default, { LOG_LEVEL: 'warn' }),
  },
  {
    id: 'gen-memory-pglite-no-rate-limit',
    n: '4r',
    label: 'Case 4 without the rate limit (RATE_LIMIT_MAX=0)',
    start: (ctx) => startOnPglite(ctx, 'gen-memory-pglite-no-rate-limit', ctx.projects.default, { RATE_LIMIT_MAX: '0' }),
  },
  {
    id: 'gen-memory-pglite-no-metrics',
    n: '4m',
    label: 'Case 4 without the request-duration histogram (bench-only switch)',
    start: (ctx) => startWithFeatureOff(ctx, 'gen-memory-pglite-no-metrics', 'metrics'),
  },
  {
    id: 'gen-memory-pglite-no-headers',
    n: '4h',
    label: 'Case 4 without the security headers (bench-only switch)',
    start: (ctx) => startWithFeatureOff(ctx, 'gen-memory-pglite-no-headers', 'headers'),
  },
  {
    id: 'gen-memory-pglite-no-validation',
    n: '4v',
    label: 'Case 4 without request validation (bench-only switch)',
    start: (ctx) => startWithFeatureOff(ctx, 'gen-memory-pglite-no-validation', 'validation'),
  },
  // What auth costs: a cached GET that carries a token (verified, and its
  // account read through the users' cache), a write with one, and a login,
  // whose cost is scrypt's (4 connections: node's threadpool hashes 4 at once).
  {
    id: 'gen-memory-pglite-token-get',
    n: '4t',
    label: 'Case 4 with a bearer token on the GET (verified, account read through the cache)',
    start: (ctx) => startAuthenticated(ctx, 'gen-memory-pglite-token-get', {}, (s) => ({ request: { authorization: s.authorization } })),
  },
  {
    id: 'gen-memory-pglite-write',
    n: '4w',
    label: 'Generated: authenticated write (POST /items with a bearer token), memory cache, PGlite',
    start: (ctx) =>
      startAuthenticated(ctx, 'gen-memory-pglite-write', {}, (s) => ({
        url: s.url.replace(/\/\d+$/, ''),
        request: { method: 'POST', body: JSON.stringify({ name: 'written', price: 1 }), authorization: s.authorization },
      })),
  },
  {
    id: 'gen-login',
    n: '4l',
    label: 'Generated: POST /auth/login (scrypt), 4 connections, login limit off',
    start: (ctx) =>
      startAuthenticated(ctx, 'gen-login', { AUTH_RATE_LIMIT_MAX: '0' }, (s) => ({
        url: `${new URL(s.url).origin}/auth/login`,
        connections: 4,
        request: { method: 'POST', body: JSON.stringify({ email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }) },
      })),
  },
  {
    id: 'gen-redis-pg',
    n: '5',
    label: 'Generated: cache hit, Redis, PostgreSQL',
    start: (ctx) => {
      needPg(ctx);
      needRedis(ctx);
      return startGenerated(ctx, 'gen-redis-pg', ctx.projects.default, { DATABASE_URL: ctx.pgUrl, REDIS_URL: 'redis://127.0.0.1:6379' });
    },
  },
  {
    id: 'gen-nocache-pg',
    n: '6',
    label: 'Generated: cache off, PostgreSQL',
    start: (ctx) => {
      needPg(ctx);
      return startGenerated(ctx, 'gen-nocache-pg', ctx.projects.nocache, { DATABASE_URL: ctx.pgUrl });
    },
  },
  {
    id: 'gen-nocache-pglite',
    n: '6b',
    label: 'Generated: cache off, PGlite',
    start: (ctx) => startOnPglite(ctx, 'gen-nocache-pglite', ctx.projects.nocache),
  },
  // The same two cases on Node 26: the active LTS, and what the generated
  // Dockerfile runs in production. Loaded in the same interleaved rounds.
  {
    id: 'bare-fastify-node26',
    n: '1@26',
    label: 'Bare Fastify 5, item from a Map, on Node 26',
    peer: true,
    start: (ctx) => startBareFastify(ctx, 'bare-fastify-node26', node26(ctx)),
  },
  {
    id: 'gen-memory-pglite-node26',
    n: '4@26',
    label: 'Generated: cache hit, memory cache, PGlite, on Node 26',
    start: (ctx) => startOnPglite(ctx, 'gen-memory-pglite-node26', ctx.projects.default, {}, node26(ctx)),
  },
  // SPEC §8 Scale: the first list page costs the same at 1k and at 1M rows.
  {
    id: 'list-pg-1k',
    n: '9',
    label: 'Generated: list first page (limit 20), PostgreSQL, 1k rows',
    start: (ctx) => startList(ctx, 'list-pg-1k', 1_000),
  },
  {
    id: 'list-pg-1m',
    n: '9m',
    label: 'Generated: list first page (limit 20), PostgreSQL, 1M rows',
    start: (ctx) => startList(ctx, 'list-pg-1m', 1_000_000),
  },
  {
    id: 'list-pg-1m-deep',
    n: '9d',
    label: 'Generated: list page half way down by cursor, PostgreSQL, 1M rows',
    start: (ctx) => startList(ctx, 'list-pg-1m-deep', 1_000_000, { deep: true }),
  },
  {
    id: 'cluster-nginx',
    n: '7',
    label: 'Generated via nginx, 2 replicas, cache hit (Redis, PostgreSQL)',
    start: (ctx) => {
      needRedis(ctx);
      return startCluster(ctx, 'cluster-nginx', ctx.projects.default, { REDIS_URL: 'redis://127.0.0.1:6379' });
    },
  },
  {
    id: 'cluster-nginx-nocache',
    n: '7b',
    label: 'Generated via nginx, 2 replicas, cache off (PostgreSQL)',
    start: (ctx) => startCluster(ctx, 'cluster-nginx-nocache', ctx.projects.nocache, {}),
  },
];
