// CPU profile (node --cpu-prof) of the generated service under a cache-hit GET load:
// the top self-time costs by function and by package, for the service's author.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, sleep, startGroup, stopGroup, waitHttp } from '../lib/proc.mjs';
import { wrk } from '../lib/wrk.mjs';

export async function profileCacheHit(ctx, project, { seconds, log }) {
  const dir = path.join(ctx.workDir, 'cpu-prof');
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const pg = path.join(ctx.workDir, 'pglite');
  fs.mkdirSync(pg, { recursive: true });
  const child = startGroup(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'dist/main.js'], {
    cwd: project.dir,
    env: { HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000000000', PORT: port, DATABASE_URL: undefined, REDIS_URL: undefined, PGLITE_DATA_DIR: path.join(pg, 'profile') },
    logFile: path.join(ctx.logDir, 'profile.log'),
  });
  let load;
  let loadStart;
  let loadEnd;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/health/live`, 90_000, child);
    const res = await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'widget', price: 9.5 }) });
    const { id } = await res.json();
    await fetch(`${base}/items/${id}`);
    await wrk(`${base}/items/${id}`, { seconds: 2 });
    fs.truncateSync(path.join(ctx.logDir, 'profile.log'), 0);
    loadStart = Date.now();
    load = await wrk(`${base}/items/${id}`, { seconds });
    loadEnd = Date.now();
  } finally {
    await stopGroup(child, 15_000);
  }
  const exitWall = Date.now();
  await sleep(200);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written (the service did not exit cleanly on SIGTERM?)');
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  // Only the samples taken under load: the profile ends at exit, so count back from there (ms accuracy).
  const window = { from: profile.endTime - (exitWall - loadStart) * 1000, to: profile.endTime - (exitWall - loadEnd) * 1000 };
  const summary = summarize(profile, project.dir, window);
  log(`  profile: ${file}, ${Math.round(load.rps)} req/s under the profiler`);
  return { rpsUnderProfiler: load.rps, file: path.join(dir, file), ...summary };
}

function category(url, projectDir) {
  if (!url) return 'native / V8';
  if (url.startsWith('node:')) return 'node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes(`${projectDir}/dist/`) || url.includes('/dist/')) return 'service code (dist/)';
  return url.replace(/^file:\/\//, '');
}

export function summarize(profile, projectDir, window) {
  const self = new Map();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window.from || t > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map();
  const byCat = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = nodes.get(id);
    if (f.functionName === '(idle)') continue;
    total += us;
    const file = f.url ? f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '') : '';
    const key = `${f.functionName || '(anonymous)'} ${file ? `${file.replace(`${projectDir}/`, '')}:${f.lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const cat = f.functionName.startsWith('(') ? f.functionName : category(f.url, projectDir);
    byCat.set(cat, (byCat.get(cat) ?? 0) + us);
  }
  // Inclusive time of the service's own code and its plugins (hooks, serializers, loggers):
  // what each one costs with everything it calls. Nested calls of the same key count once.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = (f) => {
    const cat = f.functionName.startsWith('(') ? '' : category(f.url, projectDir);
    return cat === 'service code (dist/)' || /^(@fastify\/|fastify-|prom-client|pino|ioredis|drizzle-orm|@electric-sql|pg$|pg-)/.test(cat);
  };
  const incl = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const { callFrame: f } = nodes.get(cur);
      if (!own(f)) continue;
      const file = f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(`${projectDir}/`, '');
      const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + us);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ name: k, pct: (100 * us) / total }));
  const fns = top(byFn, 20);
  const cats = top(byCat, 15);
  const inclusive = top(incl, 15);
  const lines = [
    `Self time of the samples taken under load${window ? '' : ' (whole run)'}, idle left out. By package / area:`,
    '',
    '| area | % |',
    '| --- | ---: |',
    ...cats.map((c) => `| ${c.name} | ${c.pct.toFixed(1)} |`),
    '',
    'Top functions:',
    '',
    // V8 takes its samples with a signal, which a thread inside a system call
    // or waiting for a core handles only afterwards (see results/changes.md).
    'A sample that arrives while the event loop is in a system call, or waiting for a core, is counted against that call, so `writev` (each response handed to the kernel, which also wakes wrk) holds more samples than the time the thread spends in the kernel.',
    '',
    '| function | % |',
    '| --- | ---: |',
    ...fns.map((c) => `| \`${c.name.replace(/\|/g, '/')}\` | ${c.pct.toFixed(1)} |`),
    '',
    'Inclusive time (with all they call) of the service code and its plugins:',
    '',
    '| function | % |',
    '| --- | ---: |',
    ...inclusive.map((c) => `| \`${c.name.replace(/\|/g, '/')}\` | ${c.pct.toFixed(1)} |`),
  ];
  return { byArea: cats, topFunctions: fns, inclusive, lines };
}
