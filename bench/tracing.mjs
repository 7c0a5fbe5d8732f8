// What tracing costs a built generated project (`npm run build` in it first):
// req/s of a cached GET /items/:id with tracing off (no endpoint) and with an
// OTLP endpoint at sampler 100 % and 10 %, loaded in alternating rounds, plus
// the start-up time (spawn to /health/live) with and without the SDK.
//
//   node tracing.mjs <project> [--rounds 3] [--seconds 4] [--starts 5]
//
// Every server runs as `npm start` runs it (node --import ./dist/tracing.js
// dist/main.js) on embedded PGlite with the in-process cache. The endpoint is
// a sink process that answers every export with 200, standing in for a collector.
// Besides wall-clock figures it prints CPU time (utime + stime of the server
// process, all threads, from /proc/<pid>/stat), which on a shared, busy
// machine moves far less than req/s or seconds to ready do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, installCleanup, pauseTree, startGroup, stopGroup, waitHttp } from './lib/proc.mjs';
import { fmt, median } from './lib/stats.mjs';
import { wrk } from './lib/wrk.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    starts: { type: 'string', default: '5' },
  },
});
const [dir] = positionals;
if (!dir || !fs.existsSync(path.join(dir, 'dist', 'tracing.js'))) {
  console.error('usage: node tracing.mjs <built project generated with --tracing> [--rounds 3] [--seconds 4] [--starts 5]');
  process.exit(2);
}
installCleanup();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tracing-'));
const sinkPort = await freePort();
const sink = startGroup(
  process.execPath,
  ['-e', `require('node:http').createServer((q, s) => { q.resume().on('end', () => s.writeHead(200, { 'content-type': 'application/json' }).end('{}')); }).listen(${sinkPort}, '127.0.0.1')`],
  { cwd: work, env: {}, logFile: path.join(work, 'sink.log') },
);
const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' };
const variants = [
  { label: 'tracing off', env: { OTEL_EXPORTER_OTLP_ENDPOINT: undefined } },
  { label: 'exporter, sampler 100 %', env: { ...endpoint, OTEL_TRACES_SAMPLER_ARG: '1' } },
  { label: 'exporter, sampler 10 %', env: { ...endpoint, OTEL_TRACES_SAMPLER_ARG: '0.1' } },
];

const ticksPerSecond = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

async function start(variant, i) {
  const port = await freePort();
  const env = { HOST: '127.0.0.1', PORT: port, NODE_ENV: 'production', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000000000', DATABASE_URL: undefined, REDIS_URL: undefined, PGLITE_DATA_DIR: path.join(work, `pglite-${i}`), ...variant.env };
  const began = performance.now();
  const child = startGroup(process.execPath, ['--import', './dist/tracing.js', 'dist/main.js'], { cwd: dir, env, logFile: path.join(work, `server-${i}.log`) });
  const base = `http://127.0.0.1:${port}`;
  await waitHttp(`${base}/health/live`, 90_000, child);
  return { child, base, startMs: performance.now() - began, startCpuMs: cpuSeconds(child.pid) * 1000 };
}

async function cachedItemUrl(base) {
  const res = await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'widget', price: 9.5 }) });
  if (res.status !== 201) throw new Error(`POST /items answered ${res.status}`);
  const { id } = await res.json();
  for (let i = 0; i < 2; i++) await (await fetch(`${base}/items/${id}`)).text();
  return `${base}/items/${id}`;
}

const servers = [];
try {
  // Start-up: the data folder exists after the first start, as on a redeploy.
  const startMs = { off: [], on: [] };
  const startCpuMs = { off: [], on: [] };
  for (let r = 0; r <= Number(opt.starts); r++) {
    for (const [key, variant] of [['off', variants[0]], ['on', variants[1]]]) {
      const s = await start(variant, `start-${key}`);
      await stopGroup(s.child);
      if (r > 0) {
        startMs[key].push(s.startMs);
        startCpuMs[key].push(s.startCpuMs);
      }
    }
  }
  console.log(`start-up to /health/live (median of ${opt.starts}): SDK not loaded ${fmt(median(startMs.off))} ms (${fmt(median(startCpuMs.off))} ms CPU), SDK started ${fmt(median(startMs.on))} ms (${fmt(median(startCpuMs.on))} ms CPU)`);

  for (const [i, variant] of variants.entries()) {
    const s = await start(variant, i);
    servers.push({ ...variant, child: s.child, url: await cachedItemUrl(s.base), rps: [], cpuUs: [] });
  }
  for (const s of servers) await wrk(s.url, { seconds: 2 }); // warm-up
  for (let r = 0; r < Number(opt.rounds); r++) {
    const order = r % 2 === 0 ? servers : [...servers].reverse();
    for (const s of order) {
      const resumes = servers.filter((o) => o !== s).map((o) => pauseTree(o.child));
      try {
        const before = cpuSeconds(s.child.pid);
        const load = await wrk(s.url, { seconds: Number(opt.seconds) });
        if (load.errors) throw new Error(`${s.label}: ${load.errors} failed requests`);
        const cpuUs = ((cpuSeconds(s.child.pid) - before) * 1e6) / load.requests;
        s.rps.push(load.rps);
        s.cpuUs.push(cpuUs);
        console.log(`round ${r + 1} ${s.label}: ${fmt(load.rps)} req/s, ${fmt(cpuUs, 1)} CPU µs/request`);
      } finally {
        for (const resume of resumes) resume();
      }
    }
  }
  const off = median(servers[0].rps);
  const offCpu = median(servers[0].cpuUs);
  console.log('\n| cached GET /items/:id | req/s (median) | vs off | CPU µs/request (median) | vs off |\n| --- | ---: | ---: | ---: | ---: |');
  for (const s of servers) console.log(`| ${s.label} | ${fmt(median(s.rps))} | ${fmt(median(s.rps) / off, 2)}× | ${fmt(median(s.cpuUs), 1)} | ${fmt(median(s.cpuUs) / offCpu, 2)}× |`);
} finally {
  for (const s of servers) await stopGroup(s.child);
  await stopGroup(sink);
  fs.rmSync(work, { recursive: true, force: true });
}
