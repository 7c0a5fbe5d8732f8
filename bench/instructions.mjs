// Instructions per request of built generated projects (and bare Fastify),
// counted by valgrind's callgrind: a figure that does not move with the
// machine's load, where req/s on a shared 2-core VM swings by a fifth
// between runs. It counts user-space instructions only (the kernel's share,
// a third or more of a loopback request, is left out), so it judges changes
// to the service's own code; confirm a kept change with ab.mjs.
//
//   node instructions.mjs <dir> [<dir> ...] [--bare] [--requests 3000] [--warmup 20000]
//                         [--concurrency 1] [--env KEY=VALUE ...] [--node /path/to/node]
//
// Each server runs the cached GET of case 4 (memory cache, every feature at
// its default) on a fresh PostgreSQL database: PGlite's start-up takes many
// minutes under valgrind, and a cache hit never reaches the database.
// Node runs with --predictable (compilation and GC on the main thread, no
// concurrent helpers), and the counters are zeroed after the warm-up. With
// one connection each request is an event-loop turn of its own, and two runs
// of one build agree to about 1 %. With more connections, requests that
// arrive together share a turn (and the log worker's wake-ups), so the count
// per request is lower but moves with timing: 3 % between two runs at 8
// connections, and up to a fifth between runs with other clients at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createItem, SERVICE_ENV } from './cases/services.mjs';
import { createDatabase, dropDatabase } from './lib/pg.mjs';
import { freePort, installCleanup, startGroup, stopGroup, waitHttp } from './lib/proc.mjs';
import { migrate } from './lib/projects.mjs';
import { fmt } from './lib/stats.mjs';

const { values: opt, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: {
    bare: { type: 'boolean', default: false },
    requests: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '1' },
    env: { type: 'string', multiple: true, default: [] },
    node: { type: 'string', default: process.execPath },
  },
});
const usage = 'usage: node instructions.mjs <dir> [<dir> ...] [--bare] [--requests 3000] [--warmup 20000] [--concurrency 1] [--env KEY=VALUE ...] [--node N]';
if (dirs.length === 0) fail(usage);
for (const dir of dirs) if (!fs.existsSync(path.join(dir, 'dist', 'main.js'))) fail(`instructions: ${dir} has no dist/main.js (run npm run build in it first)`);
if (spawnSync('valgrind', ['--version']).status !== 0) fail('instructions: valgrind is not installed (apt-get install -y valgrind)');
const requests = Number(opt.requests);
const warmup = Number(opt.warmup);
const concurrency = Number(opt.concurrency);
for (const [name, n] of Object.entries({ requests, warmup, concurrency })) {
  if (!Number.isInteger(n) || n < 1) fail(`instructions: --${name} must be a whole number of at least 1`);
}
const extraEnv = Object.fromEntries(opt.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

function fail(message) {
  console.error(message);
  process.exit(2);
}

// valgrind names its control pipes after USER and HOST, and HOST is also the
// service's listen address: callgrind_control must see the same two values.
const PIPE_ENV = { USER: 'bench', HOST: '127.0.0.1' };
const BARE_PEER = fileURLToPath(new URL('./peers/bare-fastify.mjs', import.meta.url));

/** Exactly `count` GETs of url over `connections` keep-alive connections; throws on any non-200. */
async function send(url, count, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let started = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url} answered ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  const connection = async () => {
    while (started < count) {
      started++;
      await one();
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, connection));
  } finally {
    agent.destroy();
  }
}

function callgrindControl(pid, command) {
  const r = spawnSync('callgrind_control', [command, String(pid)], { env: { ...process.env, ...PIPE_ENV }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`callgrind_control ${command} ${pid} failed: ${r.stderr || r.stdout}`);
}

/** Instructions per thread in the dump written by `callgrind_control --dump` (files <out>.1-NN). */
function dumpedThreads(outDir, pid) {
  const threads = [];
  for (const name of fs.readdirSync(outDir).filter((f) => f.startsWith(`cg.${pid}.1-`)).sort()) {
    const summary = /^summary: (\d+)/m.exec(fs.readFileSync(path.join(outDir, name), 'utf8'));
    threads.push(summary ? Number(summary[1]) : 0);
  }
  if (threads.length === 0) throw new Error(`no callgrind dump for pid ${pid} in ${outDir}`);
  return threads;
}

async function measure(server, work) {
  const outDir = path.join(work, server.label);
  fs.mkdirSync(outDir);
  const port = await freePort();
  const valgrind = ['--tool=callgrind', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${outDir}/cg.%p`];
  const child = startGroup('valgrind', [...valgrind, opt.node, '--predictable', ...server.args], {
    cwd: server.cwd,
    env: { ...server.env, ...PIPE_ENV, PORT: port },
    logFile: path.join(outDir, 'server.log'),
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(server.ready(base), 600_000, child);
    const url = server.item ? server.item(base) : (await createItem(base)).url;
    await send(url, warmup, concurrency);
    callgrindControl(child.pid, '--zero');
    await send(url, requests, concurrency);
    callgrindControl(child.pid, '--dump');
    const threads = dumpedThreads(outDir, child.pid);
    return { main: threads[0] / requests, others: threads.slice(1).reduce((a, b) => a + b, 0) / requests };
  } finally {
    await stopGroup(child);
  }
}

installCleanup();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-instructions-'));
const databases = [];
try {
  const servers = [];
  for (const [i, dir] of dirs.entries()) {
    const name = `bench_instructions_${process.pid}_${i}`;
    const databaseUrl = await createDatabase(name);
    databases.push(name);
    await migrate(dir, databaseUrl);
    servers.push({
      label: `${String.fromCharCode(65 + i)}`,
      what: dir,
      cwd: dir,
      args: ['dist/main.js'],
      env: { ...SERVICE_ENV, DATABASE_URL: databaseUrl, REDIS_URL: undefined, ...extraEnv },
      ready: (base) => `${base}/health/live`,
    });
  }
  if (opt.bare) {
    servers.push({
      label: 'bare',
      what: 'bare Fastify (case 1)',
      cwd: path.dirname(BARE_PEER),
      args: [BARE_PEER],
      env: { ITEM_JSON: JSON.stringify({ id: 1, name: 'widget', description: null, price: 9.5 }), FASTIFY_FROM: path.resolve(dirs[0]) },
      ready: (base) => `${base}/items/1`,
      item: (base) => `${base}/items/1`,
    });
  }
  console.log(`callgrind: ${requests} GETs over ${concurrency} connection(s) after ${warmup} warm-up GETs; ${servers.length} server(s) at once (the counts do not depend on it)`);
  const results = await Promise.all(servers.map((s) => measure(s, work)));
  console.log('\n| | server | main thread | other threads | total | × A |\n| --- | --- | ---: | ---: | ---: | ---: |');
  const first = results[0].main + results[0].others;
  for (const [i, s] of servers.entries()) {
    const r = results[i];
    const total = r.main + r.others;
    console.log(`| ${s.label} | ${s.what} | ${fmt(r.main)} | ${fmt(r.others)} | ${fmt(total)} | ${fmt(total / first, 3)} |`);
  }
  console.log('\nInstructions per request (user space only). Other threads: the log worker, libuv\'s thread pool.');
} finally {
  for (const name of databases) await dropDatabase(name);
  fs.rmSync(work, { recursive: true, force: true });
}
