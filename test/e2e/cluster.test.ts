import { execFileSync, execSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/utils/freePort.js';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';
import { expectNoLoss, loadDuring, startCluster, waitForOutput } from './clusterHelpers.js';

// The production topology on one machine: nginx over two replicas, the CI
// machine's PostgreSQL, and a Redis of our own that the test can kill.
const postgresUrl = process.env.E2E_DATABASE_URL;
const has = (cmd: string) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const ready = Boolean(postgresUrl) && has('nginx') && has('redis-server') && has('psql');
const tempDir = useTempDir('csa-cluster-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!ready)('npm run cluster through nginx on PostgreSQL and Redis', () => {
  let project = '';
  let base = '';
  let replicaPorts: number[] = [];
  let redis: ResultPromise;
  let cluster: ResultPromise;
  let output = '';
  let nginxPort = 0;
  const database = `csa_cluster_${process.pid}`;

  const metric = async (name: string) => {
    let sum = 0;
    for (const port of replicaPorts) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.split(' ').at(-1));
    }
    return sum;
  };
  type Item = { id: number; name: string };
  const item = async (res: Response) => (await res.json()) as Item;
  /** A signed-in account's headers: writes need a token. */
  let auth: Record<string, string> = {};
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const cwd = await tempDir();
    const gen = await runCli(['cluster-api', '--yes', '--pm', 'npm', '--no-git', '--no-smoke', '--replicas', '2'], { cwd });
    expect(gen.exitCode, gen.stderr).toBe(0);
    project = join(cwd, 'cluster-api');

    const redisPort = await freePort();
    redis = execa('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { reject: false });
    execFileSync('psql', [postgresUrl!, '-qc', `create database ${database}`]);
    const databaseUrl = Object.assign(new URL(postgresUrl!), { pathname: `/${database}` }).toString();

    const firstReplica = 30000 + (process.pid % 1000) * 20;
    replicaPorts = [firstReplica, firstReplica + 1];
    nginxPort = await freePort();
    base = `http://127.0.0.1:${nginxPort}`;
    const statusPort = await freePort();
    cluster = startCluster(project, ['--port', String(nginxPort), '--status-port', String(statusPort), '--base-port', String(firstReplica)], {
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'info',
    });
    cluster.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForOutput(cluster, () => output, /ready: http/);
    auth = await signUp(base);
  });

  afterAll(async () => {
    cluster?.kill('SIGTERM');
    const done = await cluster;
    redis?.kill('SIGKILL');
    // The machine's PostgreSQL outlives the run: leave no database behind.
    execFileSync('psql', [postgresUrl!, '-qc', `drop database if exists ${database} with (force)`]);
    expect(done.exitCode, output.slice(-2000)).toBe(0);
  });

  it('answers --help and refuses a reload when no cluster runs there', async () => {
    const help = await execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--help'], { cwd: project, reject: false });
    expect(help.stdout).toMatch(/--reload/);
    const port = await freePort();
    const reload = await execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--reload', '--port', String(port)], { cwd: project, reject: false });
    expect(reload.exitCode).toBe(1);
    expect(reload.stderr).toBe(`cluster: no cluster of this project is running with --port ${port} (start one with \`npm run cluster\`)`);
  });

  let id = 0;

  it('serves CRUD through nginx', async () => {
    const created = await fetch(`${base}/items`, json({ name: 'through-nginx', price: 3 }));
    expect(created.status).toBe(201);
    id = (await item(created)).id;
    expect((await fetch(`${base}/items/${id}`)).status).toBe(200);
    const put = await fetch(`${base}/items/${id}`, { ...json({ name: 'renamed', price: 4 }), method: 'PUT' });
    expect(put.status).toBe(200);
    expect((await item(await fetch(`${base}/items/${id}`))).name).toBe('renamed');
    expect((await fetch(`${base}/items?limit=5`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
  });

  it('passes X-Request-Id through to the service logs', async () => {
    const requestId = `e2e-trace-${Date.now()}`;
    const res = await fetch(`${base}/items/${id}`, { headers: { 'x-request-id': requestId } });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    await sleep(300);
    expect(output).toContain(requestId);
  });

  it('turns a second read into a cache hit', async () => {
    const created = await item(await fetch(`${base}/items`, json({ name: 'cached', price: 1 })));
    const hits = await metric('cache_hits_total');
    // Both replicas share Redis: whichever serves the second read hits.
    await fetch(`${base}/items/${created.id}`);
    await fetch(`${base}/items/${created.id}`);
    await fetch(`${base}/items/${created.id}`);
    expect(await metric('cache_hits_total')).toBeGreaterThan(hits);
  });

  it('loses no request when a replica gets SIGTERM under load', async () => {
    const pid = Number(/api-1\s+pid (\d+)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    let ok = 0;
    const failures: string[] = [];
    const until = Date.now() + 4000;
    const worker = async () => {
      while (Date.now() < until) {
        try {
          const res = await fetch(`${base}/items/${id}`);
          await res.arrayBuffer();
          if (res.status === 200) ok++;
          else failures.push(String(res.status));
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 32 }, worker));
    await sleep(1000);
    process.kill(pid, 'SIGTERM');
    await load;
    console.log(`replica SIGTERM under load: ${ok} ok, ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(100);
    // The runner restarts a lost replica, as a container runtime would.
    let back = false;
    for (let i = 0; i < 600 && !back; i++) {
      back = await fetch(`http://127.0.0.1:${replicaPorts[0]}/health/ready`).then((r) => r.ok, () => false);
      if (!back) await sleep(100);
    }
    expect(back, output.slice(-1500)).toBe(true);
    expect(output).toMatch(/api-1 exited .*restarting/);
  });

  it('replaces every replica under load with zero failed reads and writes', async () => {
    const before = output.length;
    const { counts, during } = await loadDuring(base, id, () =>
      execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--reload', '--port', String(nginxPort)], { cwd: project, reject: false, all: true }),
      { auth },
    );
    console.log(`rolling restart of 2 replicas on PostgreSQL under load: ${JSON.stringify(counts)}\n${during.all}`);
    expect(during.exitCode, during.all).toBe(0);
    expect(during.all).toMatch(new RegExp(`api-1: starting a new replica on 127\\.0\\.0\\.1:${replicaPorts[0]} beside pid \\d+`));
    expect(during.all).toMatch(/api-2: old replica \(pid \d+\) drained/);
    expect(during.all).toMatch(/rolling restart done in [\d.]+ s: 2 replica\(s\) replaced/);
    expectNoLoss(counts);
    expect(counts.reads).toBeGreaterThan(100);
    expect(counts.writes).toBeGreaterThan(10);
    // The cluster logs the same steps; every replica keeps its port, served by a new process.
    expect(output.slice(before)).toContain('rolling restart done');
    const pids = [...during.all.matchAll(/new replica \(pid (\d+)\) ready/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
    for (const port of replicaPorts) expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
  });

  it('refuses a rolling restart whose new replica cannot start, and keeps serving', async () => {
    const mainTs = join(project, 'src/main.ts');
    const source = await readFile(mainTs, 'utf8');
    await writeFile(mainTs, `throw new Error('this build cannot start');\n${source}`);
    try {
      const reload = await execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--reload', '--port', String(nginxPort)], { cwd: project, reject: false, all: true });
      expect(reload.exitCode, reload.all).toBe(1);
      expect(reload.all).toMatch(/src\/ changed since the last build/);
      expect(reload.all).toMatch(/api-1: the new replica exited during start-up .*: stopped the rolling restart; nothing changed, every replica keeps serving/);
      for (let i = 0; i < 20; i++) expect((await fetch(`${base}/items/${id}`)).status).toBe(200);
    } finally {
      await writeFile(mainTs, source);
    }
  });

  it('keeps reads and writes working when Redis dies', async () => {
    redis.kill('SIGKILL');
    await redis;
    const errors = await metric('cache_errors_total');
    const created = await fetch(`${base}/items`, json({ name: 'no-redis', price: 2 }));
    expect(created.status).toBe(201);
    const newId = (await item(created)).id;
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/items/${newId}`)).status).toBe(200);
    const patched = await fetch(`${base}/items/${newId}`, { ...json({ price: 5 }), method: 'PATCH' });
    expect(patched.status).toBe(200);
    expect(await metric('cache_errors_total')).toBeGreaterThan(errors);
  });
});
