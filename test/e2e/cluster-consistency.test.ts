import { execSync } from 'node:child_process';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/utils/freePort.js';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';
import { startCluster, waitForOutput } from './clusterHelpers.js';

// SPEC §5: the cluster answers as one service. After a write through one
// replica no replica serves the old item, and a client gets the rate limit
// once, not once per replica: with a Redis of the user's, with the
// redis-server the cluster starts itself, and with neither.
const has = (cmd: string) => {
  try {
    execSync(`command -v ${cmd} || test -x /usr/sbin/${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};
const ready = has('nginx') && has('redis-server');
const tempDir = useTempDir('csa-cluster-consistency-');

const REPLICAS = 2;
const LIMIT = 40;

interface Walk {
  /** Reads after the PATCH that still answered the old price. */
  stale: number;
  reads: number;
  /** Successful answers to the client within one rate-limit window, all requests counted. */
  allowed: number;
  limited: number;
  log: string;
}

/** Starts the cluster, walks it as one client, stops it. */
async function walk(project: string, env: Record<string, string | undefined>): Promise<Walk> {
  const nginxPort = await freePort();
  const base = `http://127.0.0.1:${nginxPort}`;
  const firstReplica = 32000 + (process.pid % 1000) * 20;
  const cluster = startCluster(project, ['--replicas', String(REPLICAS), '--port', String(nginxPort), '--status-port', String(await freePort()), '--base-port', String(firstReplica)], {
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: String(LIMIT),
    RATE_LIMIT_WINDOW: '5 minutes',
    ...env,
  });
  let output = '';
  cluster.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForOutput(cluster, () => output, /ready: http/);
    let allowed = 0;
    let limited = 0;
    const call = async (path: string, init?: RequestInit) => {
      const res = await fetch(`${base}${path}`, init);
      const body = await res.text();
      // Only the anonymous reads share the per-address limit walked here: the
      // signed-in writes count against the account's own.
      if (init === undefined && res.status === 429) limited++;
      else if (init === undefined && res.ok) allowed++;
      return { status: res.status, body };
    };
    const auth = await signUp(base);
    const send = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });

    const created = await call('/items', send('POST', { name: 'walked', price: 1 }));
    expect(created.status, created.body).toBe(201);
    const { id } = JSON.parse(created.body) as { id: number };
    // Every replica has read (and, with a cache, cached) price 1.
    for (let i = 0; i < 4 * REPLICAS; i++) expect((await call(`/items/${id}`)).status).toBe(200);
    expect((await call(`/items/${id}`, send('PATCH', { price: 42 }))).status).toBe(200);
    let stale = 0;
    const reads = 4 * REPLICAS;
    for (let i = 0; i < reads; i++) {
      const read = await call(`/items/${id}`);
      expect(read.status).toBe(200);
      if ((JSON.parse(read.body) as { price: number }).price !== 42) stale++;
    }
    // Spend the rest of the window: more than enough to exhaust every replica's share.
    for (let i = 0; i < 3 * LIMIT; i++) await call(`/items/${id}`);
    return { stale, reads, allowed, limited, log: output.split('\n').filter((l) => l.startsWith('cluster |')).join('\n') };
  } finally {
    cluster.kill('SIGTERM');
    const done = await cluster;
    expect(done.exitCode, output.slice(-2000)).toBe(0);
  }
}

describe.skipIf(!ready)('npm run cluster answers as one service', () => {
  let project = '';

  beforeAll(async () => {
    const cwd = await tempDir();
    const gen = await runCli(['consistent-api', '--yes', '--pm', 'npm', '--no-git', '--no-smoke', '--replicas', String(REPLICAS)], { cwd });
    expect(gen.exitCode, gen.stderr).toBe(0);
    project = join(cwd, 'consistent-api');
    await execa('npm', ['run', 'build'], { cwd: project });
  });

  const expectOneService = (result: Walk) => {
    expect(result.stale, result.log).toBe(0);
    expect(result.allowed, result.log).toBe(LIMIT);
    expect(result.limited).toBeGreaterThan(0);
  };

  it('with REDIS_URL unset, starts a redis-server of its own for every replica', async () => {
    const result = await walk(project, {});
    console.log(`own redis-server: ${result.stale}/${result.reads} stale reads, ${result.allowed} allowed of a limit of ${LIMIT}, ${result.limited} limited\n${result.log}`);
    expect(result.log).toMatch(/REDIS_URL unset: redis-server on 127\.0\.0\.1:\d+ holds the cache and the rate limit of every replica/);
    expectOneService(result);
  });

  it('with REDIS_URL unset and no redis-server, turns the cache off and divides the limit', async () => {
    // A PATH with node and nothing else: no redis-server to find.
    const bin = await mkdtemp(join(tmpdir(), 'csa-no-redis-'));
    await symlink(process.execPath, join(bin, 'node'));
    const result = await walk(project, { PATH: bin });
    console.log(`no redis-server: ${result.stale}/${result.reads} stale reads, ${result.allowed} allowed of a limit of ${LIMIT}, ${result.limited} limited\n${result.log}`);
    expect(result.log).toContain(`REDIS_URL unset and no redis-server on PATH: caching off, a rate limit of ${LIMIT / REPLICAS} per replica (${LIMIT} / ${REPLICAS})`);
    expectOneService(result);
  });

  it('with REDIS_URL set, shares that Redis', async () => {
    const port = await freePort();
    const redis = execa('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { reject: false });
    try {
      const result = await walk(project, { REDIS_URL: `redis://127.0.0.1:${port}` });
      console.log(`REDIS_URL set: ${result.stale}/${result.reads} stale reads, ${result.allowed} allowed of a limit of ${LIMIT}, ${result.limited} limited`);
      expect(result.log).not.toMatch(/redis-server on|caching off/);
      expectOneService(result);
    } finally {
      redis.kill('SIGKILL');
      await redis;
    }
  });
});
