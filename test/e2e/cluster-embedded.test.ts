import { execSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/utils/freePort.js';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';
import { expectNoLoss, loadDuring, startCluster, waitForOutput } from './clusterHelpers.js';

// The cluster with nothing installed but nginx: DATABASE_URL and REDIS_URL
// unset, so one PGlite server (scripts/cluster/pgliteServer.ts) serves the project's PGlite folder to every replica.
const hasNginx = (() => {
  try {
    execSync('command -v nginx || test -x /usr/sbin/nginx', { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
})();
const tempDir = useTempDir('csa-cluster-embedded-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasNginx)('npm run cluster on embedded PGlite: rolling restart and load test', () => {
  let project = '';
  let base = '';
  let nginxPort = 0;
  let cluster: ResultPromise;
  let output = '';
  let id = 0;
  let auth: Record<string, string> = {};

  beforeAll(async () => {
    const cwd = await tempDir();
    const gen = await runCli(['embedded-api', '--yes', '--pm', 'npm', '--no-git', '--no-smoke', '--replicas', '2'], { cwd });
    expect(gen.exitCode, gen.stderr).toBe(0);
    project = join(cwd, 'embedded-api');
    nginxPort = await freePort();
    base = `http://127.0.0.1:${nginxPort}`;
    const firstReplica = 31000 + (process.pid % 1000) * 20;
    const env = { RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn', DATABASE_URL: undefined, REDIS_URL: undefined };
    cluster = startCluster(project, ['--port', String(nginxPort), '--status-port', String(await freePort()), '--base-port', String(firstReplica)], env);
    cluster.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForOutput(cluster, () => output, /ready: http/);
    auth = await signUp(base);
    const created = await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ name: 'embedded', price: 1 }) });
    expect(created.status).toBe(201);
    id = ((await created.json()) as { id: number }).id;
  });

  afterAll(async () => {
    cluster?.kill('SIGTERM');
    const done = await cluster;
    expect(done.exitCode, output.slice(-2000)).toBe(0);
  });

  it('replaces both replicas on SIGHUP under load with zero failed reads and writes', async () => {
    const pid = Number(/kill -HUP (\d+)/.exec(output)?.[1]);
    expect(pid).toBe(cluster.pid);
    const before = output.length;
    const { counts } = await loadDuring(base, id, async () => {
      process.kill(pid, 'SIGHUP');
      await waitForOutput(cluster, () => output.slice(before), /rolling restart (done|stopped)|stopped the rolling restart/);
    }, { auth });
    const steps = output.slice(before).split('\n').filter((l) => l.startsWith('cluster |')).join('\n');
    console.log(`rolling restart of 2 replicas on PGlite under load: ${JSON.stringify(counts)}\n${steps}`);
    expect(steps).toMatch(/rolling restart done in [\d.]+ s: 2 replica\(s\) replaced/);
    expectNoLoss(counts);
    expect(counts.reads).toBeGreaterThan(50);
    expect(counts.writes).toBeGreaterThan(10);
  });

  it('npm run loadtest across a rolling restart meets the CI objectives, which allow no error (autocannon keeps its connections alive)', async () => {
    const report = join(project, 'restart.loadtest-report.json');
    const load = execa('node', ['--import', 'tsx', 'scripts/loadtest/main.ts', '--url', base, '--duration', '20', '--config', '.github/loadtest.ci.json', '--report', report], { cwd: project, reject: false, all: true });
    let loadOutput = '';
    load.all?.on('data', (chunk: Buffer) => (loadOutput += chunk.toString()));
    // Once seeded and loading, so the restart happens under the measured load.
    await waitForOutput(load, () => loadOutput, /connections for 20 s/);
    await sleep(2_000);
    const before = output.length;
    const reload = await execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--reload', '--port', String(nginxPort)], { cwd: project, reject: false, all: true });
    const run = await load;
    console.log(`${reload.all}\n${run.all}`);
    expect(reload.exitCode, reload.all).toBe(0);
    expect(output.slice(before)).toContain('rolling restart done');
    expect(run.exitCode, run.all).toBe(0);
    const result = JSON.parse(await readFile(report, 'utf8'));
    expect(result.objectives.errorRate).toBe(0);
    expect(result.total.errors).toBe(0);
    expect(result.total.requests).toBeGreaterThan(500);
  });

  it('npm run loadtest meets the default objectives and writes its report', async () => {
    const run = await execa('node', ['--import', 'tsx', 'scripts/loadtest/main.ts', '--url', base, '--duration', '8', '--connections', '4'], { cwd: project, reject: false, all: true });
    console.log(run.all);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toMatch(/^cached read\s+GET \/items\/:id\s+\d+\s+\d+/m);
    expect(run.all).toContain('objectives met');
    const report = JSON.parse(await readFile(join(project, 'loadtest-report.json'), 'utf8'));
    expect(report.routes.map((r: { route: string }) => r.route)).toEqual(['cached read', 'uncached read', 'list page', 'write']);
    expect(report.total.errors).toBe(0);
    expect(report.missed).toEqual([]);
  });

  it('npm run loadtest exits 1 when an objective is missed, and 2 on a bad flag', async () => {
    const config = JSON.parse(await readFile(join(project, 'loadtest.config.json'), 'utf8'));
    config.objectives.minRequestsPerSecond = 10_000_000;
    config.objectives.routes = { 'list page': { p99Ms: 0 } };
    const strict = join(project, 'strict.loadtest.json');
    await writeFile(strict, JSON.stringify(config));
    const run = await execa('node', ['--import', 'tsx', 'scripts/loadtest/main.ts', '--url', base, '--duration', '2', '--connections', '4', '--config', strict], { cwd: project, reject: false, all: true });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.all).toMatch(/objectives missed:\n {2}- list page: p99 [\d.]+ ms is above 0 ms\n {2}- throughput \d+ req\/s is below 10000000 req\/s/);
    const bad = await execa('node', ['--import', 'tsx', 'scripts/loadtest/main.ts', '--duration', 'soon'], { cwd: project, reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('loadtest: --duration must be a number from 1 to 600, got "soon"');
  });
});
