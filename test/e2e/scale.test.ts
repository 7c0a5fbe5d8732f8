import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import openapiTS, { astToString } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, useTempDir } from '../helpers.js';
import { startBuilt, useFreshDatabases } from './builtServer.js';

const tempDir = useTempDir('csa-scale-');
// .ci/run points this at the machine's PostgreSQL; each test makes its own database.
const postgresUrl = process.env.E2E_DATABASE_URL;

const freshDatabase = useFreshDatabases('csa_scale');

const psql = (url: string, sql: string) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]).toString().trim();

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

let project = '';
beforeAll(async () => {
  const cwd = await tempDir();
  const r = await runCli(['scale-api', '--yes', '--pm', 'npm', '--no-git', '--no-smoke'], { cwd, env: { CI: 'true', DATABASE_URL: '', REDIS_URL: '' } });
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  project = join(cwd, 'scale-api');
  const build = await execa('npm', ['run', 'build'], { cwd: project, reject: false, all: true });
  expect(build.exitCode, build.all).toBe(0);
});

describe('a list at 1M rows on real PostgreSQL', () => {
  it.skipIf(!postgresUrl)('serves the first page and a deep cursor page from the primary key index, reading one page of rows', async () => {
    const databaseUrl = freshDatabase(postgresUrl!);
    const migrate = await execa('npm', ['run', 'migrate'], { cwd: project, reject: false, all: true, env: { DATABASE_URL: databaseUrl } });
    expect(migrate.exitCode, migrate.all).toBe(0);
    psql(databaseUrl, "insert into items (name, price) select 'item ' || n, n % 1000 from generate_series(1, 1000000) as n; analyze items;");
    expect(psql(databaseUrl, 'select count(*) from items')).toBe('1000000');

    // The repository's two list queries, as the planner runs them on this table.
    for (const where of ['', 'where id < 500001']) {
      const plan = JSON.parse(psql(databaseUrl, `explain (analyze, format json) select * from items ${where} order by id desc limit 21`)) as [{ Plan: PlanNode }];
      const nodes = nodesOf(plan[0].Plan);
      expect(nodes.map((n) => n['Node Type'])).toEqual(['Limit', 'Index Scan']);
      expect(nodes[1]).toMatchObject({ 'Index Name': 'items_pkey', 'Scan Direction': 'Backward', 'Actual Rows': 21 });
    }

    const server = await startBuilt(project, { DATABASE_URL: databaseUrl, RATE_LIMIT_MAX: '0' });
    try {
      const first = await fetch(`${server.url}/items?limit=20`);
      expect(first.status).toBe(200);
      const page = (await first.json()) as { data: { id: number }[]; nextCursor: string };
      expect(page.data.map((item) => item.id)).toEqual(Array.from({ length: 20 }, (_, i) => 1_000_000 - i));
      expect(first.headers.get('link')).toBe(`</items?limit=20&cursor=${page.nextCursor}>; rel="next"`);

      // A cursor half way down, made by the project's own encoder: walking
      // there page by page would take 25,000 requests.
      const { encodeCursor } = (await import(pathToFileURL(join(project, 'dist/resources/pagination.js')).href)) as { encodeCursor(id: number): string };
      const deep = await fetch(`${server.url}/items?limit=20&cursor=${encodeCursor(500_001)}`);
      expect(deep.status).toBe(200);
      const deepPage = (await deep.json()) as { data: { id: number }[]; nextCursor: string };
      expect(deepPage.data.map((item) => item.id)).toEqual(Array.from({ length: 20 }, (_, i) => 500_000 - i));
      const next = (await (await fetch(`${server.url}/items?limit=20&cursor=${deepPage.nextCursor}`)).json()) as { data: { id: number }[] };
      expect(next.data[0]!.id).toBe(499_980);

      const last = (await (await fetch(`${server.url}/items?limit=20&cursor=${encodeCursor(3)}`)).json()) as { data: { id: number }[]; nextCursor: null };
      expect(last).toEqual({ data: [expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 1 })], nextCursor: null });
    } finally {
      await server.stop();
    }
  });
});

// Every operation of the served document, called through the generated
// types; the test checks that this list and the document agree.
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: process.env.API_URL });

async function main() {
  const statuses: Record<string, number> = {};
  const account = { email: 'typed-account-' + Date.now() + '@example.com', password: 'typed client password' };
  statuses['post /auth/register'] = (await client.POST('/auth/register', { body: { ...account, name: 'Typed' } })).response.status;
  const login = await client.POST('/auth/login', { body: account });
  statuses['post /auth/login'] = login.response.status;
  if (login.data === undefined) throw new Error('no access token');
  const token: string = login.data.accessToken;
  client.use({ onRequest: ({ request }) => (request.headers.set('authorization', 'Bearer ' + token), request) });
  statuses['get /auth/me'] = (await client.GET('/auth/me')).response.status;
  const item = await client.POST('/items', { body: { name: 'typed', price: 2.5, description: 'from the typed client' } });
  statuses['post /items'] = item.response.status;
  if (item.data === undefined) throw new Error('no created item');
  const id: number = item.data.id;
  const page = await client.GET('/items', { params: { query: { limit: 1 } } });
  statuses['get /items'] = page.response.status;
  const cursor: string | null | undefined = page.data?.nextCursor;
  statuses['get /items?cursor'] = (await client.GET('/items', { params: { query: { limit: 1, cursor: cursor ?? undefined } } })).response.status;
  statuses['get /items/{id}'] = (await client.GET('/items/{id}', { params: { path: { id } } })).response.status;
  statuses['put /items/{id}'] = (await client.PUT('/items/{id}', { params: { path: { id } }, body: { name: 'replaced', price: 3 } })).response.status;
  statuses['patch /items/{id}'] = (await client.PATCH('/items/{id}', { params: { path: { id } }, body: { price: 4 } })).response.status;
  const missing = await client.GET('/items/{id}', { params: { path: { id: 987654321 } } });
  statuses['get /items/{id} missing'] = missing.response.status;
  if (missing.error !== undefined && missing.error.status !== 404) throw new Error('the 404 body is not a problem');
  statuses['delete /items/{id}'] = (await client.DELETE('/items/{id}', { params: { path: { id } } })).response.status;

  const user = await client.POST('/users', { body: { email: 'typed-' + Date.now() + '@example.com', name: 'Typed' } });
  statuses['post /users'] = user.response.status;
  if (user.data === undefined) throw new Error('no created user');
  const userId = user.data.id;
  statuses['get /users'] = (await client.GET('/users', { params: { query: { limit: 5 } } })).response.status;
  statuses['get /users/{id}'] = (await client.GET('/users/{id}', { params: { path: { id: userId } } })).response.status;
  statuses['put /users/{id}'] = (await client.PUT('/users/{id}', { params: { path: { id: userId } }, body: { email: 'typed-put-' + Date.now() + '@example.com', name: 'Put' } })).response.status;
  statuses['patch /users/{id}'] = (await client.PATCH('/users/{id}', { params: { path: { id: userId } }, body: { name: 'Patched' } })).response.status;
  statuses['delete /users/{id}'] = (await client.DELETE('/users/{id}', { params: { path: { id: userId } } })).response.status;

  statuses['get /health/live'] = (await client.GET('/health/live')).response.status;
  statuses['get /health/ready'] = (await client.GET('/health/ready')).response.status;
  console.log(JSON.stringify(statuses));
}

// The types are real: a wrong body or an unknown route does not compile.
export function wrong() {
  // @ts-expect-error price is a number
  void client.POST('/items', { body: { name: 'x', price: 'free' } });
  // @ts-expect-error the collection has no trailing slash
  void client.GET('/items/');
}

await main();
`;

describe('a typed client generated from the served OpenAPI document', () => {
  it('compiles with openapi-typescript + openapi-fetch and calls every route', async () => {
    const server = await startBuilt(project, { PGLITE_DATA_DIR: join(await tempDir(), 'pglite'), RATE_LIMIT_MAX: '0' });
    try {
      const document = (await (await fetch(`${server.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
      const called = [...CLIENT.matchAll(/statuses\['([a-z]+ \/[^'? ]*)/g)].map((m) => m[1]);
      expect([...new Set(called)].sort()).toEqual(operations.sort());

      const dir = await tempDir();
      await mkdir(join(dir, 'src'));
      await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
      await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
      await writeFile(join(dir, 'src/api.d.ts'), astToString(await openapiTS(document as never)));
      await writeFile(join(dir, 'src/client.ts'), CLIENT);
      const compilerOptions = { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, types: ['node'], outDir: 'dist', rootDir: 'src', skipLibCheck: false };
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
      const tsc = await execa('node', [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: dir, reject: false, all: true });
      expect(tsc.exitCode, tsc.all).toBe(0);

      const run = await execa('node', ['dist/client.js'], { cwd: dir, reject: false, all: true, env: { API_URL: server.url } });
      expect(run.exitCode, run.all).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        'post /auth/register': 201,
        'post /auth/login': 200,
        'get /auth/me': 200,
        'post /items': 201,
        'get /items': 200,
        'get /items?cursor': 200,
        'get /items/{id}': 200,
        'put /items/{id}': 200,
        'patch /items/{id}': 200,
        'get /items/{id} missing': 404,
        'delete /items/{id}': 204,
        'post /users': 201,
        'get /users': 200,
        'get /users/{id}': 200,
        'put /users/{id}': 200,
        'patch /users/{id}': 200,
        'delete /users/{id}': 204,
        'get /health/live': 200,
        'get /health/ready': 200,
      });
    } finally {
      await server.stop();
    }
  });
});
