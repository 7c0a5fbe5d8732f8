import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';
import { startBuilt, useFreshDatabases } from './builtServer.js';

const tempDir = useTempDir('csa-e2e-');
// Real services for the second half; .ci/run sets these on the CI machine.
const postgresUrl = process.env.E2E_DATABASE_URL;
const redisUrl = process.env.E2E_REDIS_URL;

const freshDatabase = useFreshDatabases('csa_e2e');

describe('create with install and smoke, then the generated project on its own', () => {
  let project = '';

  it('creates, installs, commits and smoke-tests a project in one go', async () => {
    const cwd = await tempDir();
    const r = await runCli(['e2e-api', '--yes', '--pm', 'npm'], { cwd, env: { CI: 'true', DATABASE_URL: '', REDIS_URL: '' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Smoke test passed/);
    expect(r.stdout).toContain('cd e2e-api');
    project = join(cwd, 'e2e-api');
    expect(existsSync(join(project, 'node_modules'))).toBe(true);
    const log = execFileSync('git', ['log', '--oneline'], { cwd: project }).toString();
    expect(log).toMatch(/Initial commit from create-scaled-api/);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: project }).toString()).toBe('');
  });

  it('the generated tests pass on the embedded database', async () => {
    const r = await execa('npm', ['test'], { cwd: project, reject: false, all: true, env: { CI: 'true', TEST_DATABASE_URL: '', REDIS_URL: '' } });
    expect(r.exitCode, r.all).toBe(0);
  });

  it('the generated project builds', async () => {
    const r = await execa('npm', ['run', 'build'], { cwd: project, reject: false, all: true });
    expect(r.exitCode, r.all).toBe(0);
    expect(existsSync(join(project, 'dist/main.js'))).toBe(true);
  });

  it.skipIf(!postgresUrl)('the generated tests pass on real PostgreSQL and Redis', async () => {
    const env = { CI: 'true', TEST_DATABASE_URL: freshDatabase(postgresUrl!), REDIS_URL: redisUrl ?? '' };
    const r = await execa('npm', ['test'], { cwd: project, reject: false, all: true, env });
    expect(r.exitCode, r.all).toBe(0);
  });

  it('the built server serves the embedded database from its worker, keeps the data and leaves no socket behind', async () => {
    const dataDir = join(await tempDir(), 'pglite');
    const first = await startBuilt(project, { PGLITE_DATA_DIR: dataDir });
    let id: number;
    try {
      const created = await fetch(`${first.url}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await signUp(first.url)) },
        body: JSON.stringify({ name: 'kept', price: 1 }),
      });
      expect(created.status).toBe(201);
      id = ((await created.json()) as { id: number }).id;
      const smoke = await execa('node', ['scripts/smoke.mjs', '--url', first.url], { cwd: project, reject: false, all: true });
      expect(smoke.exitCode, smoke.all).toBe(0);
    } finally {
      await first.stop();
    }
    // The worker serves PGlite on a socket in a folder named after the process.
    const socketDirs = readdirSync(tmpdir()).filter((name) => name.startsWith(`pglite-socket-${first.pid}-`));
    expect(socketDirs).toEqual([]);

    const second = await startBuilt(project, { PGLITE_DATA_DIR: dataDir });
    try {
      const read = await fetch(`${second.url}/items/${id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('kept');
    } finally {
      await second.stop();
    }
  });

  it.skipIf(!postgresUrl)('the built server passes the smoke test on real PostgreSQL and Redis', async () => {
    const databaseUrl = freshDatabase(postgresUrl!);
    const migrate = await execa('npm', ['run', 'migrate'], { cwd: project, reject: false, all: true, env: { DATABASE_URL: databaseUrl } });
    expect(migrate.exitCode, migrate.all).toBe(0);
    const server = await startBuilt(project, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl ?? '' });
    try {
      const smoke = await execa('node', ['scripts/smoke.mjs', '--url', server.url], { cwd: project, reject: false, all: true });
      expect(smoke.exitCode, smoke.all).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!postgresUrl || !redisUrl)('two built replicas share one rate limit through real Redis', async () => {
    const databaseUrl = freshDatabase(postgresUrl!);
    const migrate = await execa('npm', ['run', 'migrate'], { cwd: project, reject: false, all: true, env: { DATABASE_URL: databaseUrl } });
    expect(migrate.exitCode, migrate.all).toBe(0);
    // A client address of its own, so no other run sharing this Redis counts against it.
    const client = `198.51.100.${1 + (process.pid % 250)}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl!, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '30s', TRUST_PROXY: '127.0.0.1' };
    const replicas = [await startBuilt(project, env), await startBuilt(project, env)];
    try {
      const get = (i: number) => fetch(`${replicas[i % 2]!.url}/items`, { headers: { 'x-forwarded-for': client } });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await get(i));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
      const limited = answers[3]!;
      expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
      // Probes stay reachable for the limited client.
      expect((await fetch(`${replicas[0]!.url}/health/live`, { headers: { 'x-forwarded-for': client } })).status).toBe(200);
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
  });
});

describe('a project with an extra resource from a preset', () => {
  let project = '';
  const orders = {
    name: 'line-items',
    fields: [
      { name: 'customer', type: 'string' },
      { name: 'reference', type: 'string', unique: true },
      { name: 'total', type: 'number', minimum: 0 },
      { name: 'quantity', type: 'integer', minimum: 1 },
      { name: 'paid', type: 'boolean', optional: true },
      { name: 'note', type: 'text', optional: true },
      { name: 'dueAt', type: 'datetime', optional: true },
      { name: 'contactEmail', type: 'email', unique: true, optional: true },
    ],
  };

  it('creates and installs it', async () => {
    const cwd = await tempDir();
    const { defaultAnswers } = await import('../../src/answers/types.js');
    await writeFile(join(cwd, 'preset.json'), JSON.stringify({ answers: { resources: [...defaultAnswers.resources, orders] } }));
    const r = await runCli(['extra-api', '--yes', '--pm', 'npm', '--preset', 'preset.json', '--no-git'], { cwd, env: { CI: 'true', DATABASE_URL: '', REDIS_URL: '' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    project = join(cwd, 'extra-api');
    expect(existsSync(join(project, 'src/resources/line-items/routes.ts'))).toBe(true);
  });

  it("its own drizzle-kit generate finds the first migration up to date", async () => {
    const r = await execa('npx', ['drizzle-kit', 'generate'], { cwd: project, reject: false, all: true });
    expect(r.exitCode, r.all).toBe(0);
    expect(r.all).toMatch(/No schema changes/);
    expect(readdirSync(join(project, 'src/database/migrations')).filter((f) => f.endsWith('.sql'))).toEqual(['0000_init.sql']);
  });

  it.each(['test', 'run build', 'run lint'])('passes npm %s', async (script) => {
    const r = await execa('npm', script.split(' '), { cwd: project, reject: false, all: true, env: { CI: 'true', TEST_DATABASE_URL: '', REDIS_URL: '' } });
    expect(r.exitCode, r.all).toBe(0);
  });
});

// The shared tests (errors, metrics, logging, rate limit, cache, tracing), the
// smoke test and the load test use test/helpers.ts' sample resource, so a
// project whose resources have no `items` passes them too.
describe('a project without items', () => {
  it('creates, smoke-tests and passes its own tests and type-check', async () => {
    const cwd = await tempDir();
    const preset = join(cwd, 'orders.json');
    const resources = [{ name: 'orders', fields: [{ name: 'customer', type: 'string' }, { name: 'total', type: 'number', minimum: 0 }, { name: 'due', type: 'datetime', optional: true }] }];
    await writeFile(preset, JSON.stringify({ version: 2, answers: { cache: 'memory', resources } }));
    const r = await runCli(['orders-api', '--yes', '--pm', 'npm', '--preset', preset, '--no-git'], { cwd, env: { CI: 'true', DATABASE_URL: '', REDIS_URL: '' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Smoke test passed/);
    const project = join(cwd, 'orders-api');
    expect(readdirSync(join(project, 'src/resources')).filter((f) => !f.endsWith('.ts'))).toEqual(['orders']);
    for (const script of ['test', 'lint']) {
      const run = await execa('npm', ['run', script], { cwd: project, reject: false, all: true, env: { CI: 'true', TEST_DATABASE_URL: '', REDIS_URL: '' } });
      expect(run.exitCode, run.all).toBe(0);
    }
  });
});

describe('a failing install', () => {
  it('keeps the project, prints the retry command and exits 1', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'tpl'));
    await writeFile(
      join(cwd, 'tpl/package.json.hbs'),
      '{ "name": "{{name}}", "version": "0.0.0", "dependencies": { "create-scaled-api-no-such-package-x9": "0.0.0" } }\n',
    );
    const r = await runCli(['broken', '--yes', '--template', 'tpl', '--no-git'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/npm install failed/);
    expect(r.stderr).toMatch(/retry with: cd broken && npm install/);
    expect(existsSync(join(cwd, 'broken/package.json'))).toBe(true);
  });
});
