// Turns the collected figures into ratios, a stdout table, latest.json, latest.md and service.svg.
import fs from 'node:fs';
import path from 'node:path';
import { fmt, ratio } from './lib/stats.mjs';
import { serviceSvg } from './lib/svg.mjs';

// SPEC §8: the generated service (case 4, every default feature on, through
// the ecosystem's libraries) against the peers a user would pick instead.
export const GOALS = [
  { id: '4/1', a: 'gen-memory-pglite', b: 'bare-fastify', min: 0.4, what: 'every default feature on, through the libraries: ≥ 0.4× bare Fastify' },
  { id: '4/1 @26', a: 'gen-memory-pglite-node26', b: 'bare-fastify-node26', min: 0.4, what: 'the same on Node 26, the runtime of the generated Dockerfile' },
  { id: '4/2', a: 'gen-memory-pglite', b: 'bare-fastapi', min: 1.5, what: '≥ 1.5× a bare FastAPI + uvicorn' },
  { id: '4/3', a: 'gen-memory-pglite', b: 'seed-fastapi', min: 10, what: "≥ 10× FastAPI with the seed's practices" },
  { id: '4/8', a: 'gen-memory-pglite', b: 'nest', min: 2.5, what: '≥ 2.5× a NestJS app as `nest new` makes it, with no features' },
  { id: '5/6', a: 'gen-redis-pg', b: 'gen-nocache-pg', min: 2, what: 'Redis cache ≥ 2× PostgreSQL direct' },
  { id: '9m/9', a: 'list-pg-1m', b: 'list-pg-1k', min: 0.7, what: 'a list page at 1M rows ≥ 0.7× at 1k rows, PostgreSQL' },
  { id: '9d/9', a: 'list-pg-1m-deep', b: 'list-pg-1k', min: undefined, what: 'a cursor page half way down 1M rows vs the first page at 1k (no goal)' },
  // Reported for the operations issue; no goal of its own.
  { id: '7/7b', a: 'cluster-nginx', b: 'cluster-nginx-nocache', min: undefined, what: 'through nginx: cache hit vs cache off (no goal)' },
];

// SPEC §8's memory bound: one replica on PostgreSQL, started and idle.
export const MEMORY_GOALS = [
  { id: 'idle RSS 5', case: 'gen-redis-pg', maxMb: 150, what: 'idle RSS of one replica on PostgreSQL (case 5: Redis cache) ≤ 150 MB' },
  { id: 'idle RSS 6', case: 'gen-nocache-pg', maxMb: 150, what: 'the same with the cache off (case 6)' },
];

export function memoryGoals(service) {
  return MEMORY_GOALS.map((g) => {
    const value = service?.[g.case]?.idleRssMb;
    return { ...g, value, met: value === undefined ? undefined : value <= g.maxMb };
  });
}

// What each feature of case 4 costs: case 4 beside the same service with that one feature off, same rounds.
export const FEATURE_COSTS = [
  { feature: 'access log', off: 'gen-memory-pglite-no-access-log', how: 'LOG_LEVEL=warn' },
  { feature: 'rate limit', off: 'gen-memory-pglite-no-rate-limit', how: 'RATE_LIMIT_MAX=0' },
  { feature: 'metrics (duration histogram)', off: 'gen-memory-pglite-no-metrics', how: 'bench-only switch' },
  { feature: 'security headers', off: 'gen-memory-pglite-no-headers', how: 'bench-only switch' },
  { feature: 'validation', off: 'gen-memory-pglite-no-validation', how: 'bench-only switch' },
];

export function featureCosts(service) {
  return FEATURE_COSTS.map((f) => {
    const on = service?.['gen-memory-pglite']?.rps;
    const off = service?.[f.off]?.rps;
    const value = ratio(on, off);
    // The feature's share of the cached GET's time per request: 1 − (req/s on ÷ req/s off).
    return { ...f, rpsOff: off, value, share: value === undefined ? undefined : 1 - value };
  });
}

export function ratios(service) {
  return GOALS.map((g) => {
    const value = ratio(service?.[g.a]?.rps, service?.[g.b]?.rps);
    return { ...g, value, met: value === undefined || g.min === undefined ? undefined : value >= g.min };
  });
}

export function cliGoals(cli) {
  const out = [];
  const s = cli.coldStart;
  if (s && !s.error) {
    out.push({ id: '--version', value: s.versionX, goal: '≤ 1.5× node -e 0', met: s.versionX <= 1.5 });
    out.push({ id: '--help', value: s.helpX, goal: '≤ 1.5× node -e 0', met: s.helpX <= 1.5 });
  }
  for (const [place, r] of [['', cli.render], [' (tmpfs)', cli.renderTmpfs]]) {
    for (const [suffix, ours, vite] of [['', r?.tools.ours, r?.tools.createVite], [' @26', r?.tools.ours26, r?.tools.createVite26]]) {
      if (r?.error || !ours?.ms || !vite?.ms) continue;
      out.push({
        id: `render${suffix}${place}`,
        value: ours.ms / vite.ms,
        // SPEC §8: a default render ≤ 1.5× create-vite's while writing 6× its files.
        goal: '≤ 1.5× create-vite, writing ≥ 6× its files',
        met: ours.ms <= 1.5 * vite.ms && ours.files >= 6 * vite.files,
      });
    }
  }
  const u = cli.updateCheck;
  if (u && !u.error) out.push({ id: 'update --check', value: u.ms / 1000, goal: '≤ 2 s', met: u.ms <= 2000, unit: 's' });
  for (const [pm, c] of Object.entries(cli.fullCreate ?? {})) {
    if (c.totalMs) out.push({ id: `full create (${pm})`, value: c.totalMs / 1000, goal: '≤ 30 s on 2 cores', met: c.totalMs <= 30_000, unit: 's' });
  }
  return out;
}

const yes = (m) => (m === undefined ? '–' : m ? 'yes' : 'NO');

function cliLines(cli) {
  const L = [];
  const s = cli.coldStart;
  if (s?.error) L.push(`Cold start: not measured: ${s.error}`);
  else if (s) {
    L.push(`| Cold start (hyperfine -N, ${s.runs} runs in ${s.rounds} round(s), median) | ms | × floor |`, '| --- | ---: | ---: |');
    L.push(`| node -e 0 (floor) | ${fmt(s.floorMs, 1)} | 1.00 |`);
    L.push(`| create-scaled-api --version | ${fmt(s.versionMs, 1)} | ${fmt(s.versionX, 2)} |`);
    L.push(`| create-scaled-api --help | ${fmt(s.helpMs, 1)} | ${fmt(s.helpX, 2)} |`);
    L.push(`| create-vite --help (reference) | ${fmt(s.createViteHelpMs, 1)} | ${fmt(s.createViteHelpX, 2)} |`, '');
  }
  for (const [where, r] of [['the temp folder', cli.render], ['a tmpfs', cli.renderTmpfs]]) {
    if (r?.error) L.push(`Render into ${where}: not measured: ${r.error}`, '');
    if (!r || r.error) continue;
    L.push(`| Render into a fresh folder in ${where} (${r.dir}; median of ${r.runs}) | ms | × floor | files |`, '| --- | ---: | ---: | ---: |');
    L.push(`| node -e 0 (floor) | ${fmt(r.floorMs, 1)} | 1.00 | |`);
    if (r.floor26Ms) L.push(`| node -e 0, Node 26 (floor of the @26 rows) | ${fmt(r.floor26Ms, 1)} | 1.00 | |`);
    for (const t of Object.values(r.tools)) L.push(t.error ? `| ${t.label} | error: ${t.error} | | |` : `| ${t.label} | ${fmt(t.ms, 1)} | ${fmt(t.x, 2)} | ${t.files} |`);
    L.push('');
  }
  if (cli.renderTmpfs && !cli.renderTmpfs.error) {
    L.push(
      'The tmpfs rows leave the disk out. On an ext4 without a journal, as on this bench\'s VMs, creating a file skips every inode',
      'of its group deleted in the last minute or more, so the temp-folder rows move with what was deleted just before.',
      '',
    );
  }
  const c = cli.fullCreate;
  if (c?.error) L.push(`Full create: not measured: ${c.error}`);
  else if (c) {
    L.push('| Full create (--no-git, warm cache) | total s | write s | install s | smoke s | runs |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [pm, x] of Object.entries(c)) {
      L.push(x.error ? `| ${pm} | error: ${x.error} | | | | |` : `| ${pm} | ${fmt(x.totalMs / 1000, 1)} | ${fmt(x.writeMs / 1000, 2)} | ${fmt(x.installMs / 1000, 1)} | ${fmt(x.smokeMs / 1000, 1)} | ${x.runs} |`);
    }
    L.push('');
  }
  return L;
}

function serviceLines(service) {
  const L = ['| # | Case | req/s | p50 ms | p99 ms | errors | idle RSS MB | RSS MB after load | runs |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of Object.values(service)) {
    if (r.error) L.push(`| ${r.n} | ${r.label} | not measured: ${r.error.replace(/\|/g, '/').slice(0, 160)} | | | | | | |`);
    else L.push(`| ${r.n} | ${r.label} | ${fmt(r.rps)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${r.errors} | ${r.idleRssMb === undefined ? '–' : fmt(r.idleRssMb)} | ${fmt(r.rssMb)} | ${r.runs} |`);
  }
  const notes = Object.values(service).filter((r) => r.note || r.probes?.length);
  if (notes.length) L.push('');
  for (const r of notes) {
    const parts = [r.note, r.probes?.length ? `${r.non2xx} non-2xx and ${r.socketErrors} socket errors; answer right after: ${[...new Set(r.probes)].join('; ')}` : undefined].filter(Boolean);
    L.push(`- case ${r.n}: ${parts.join('; ')}`);
  }
  return L;
}

function featureLines(costs) {
  const L = ['| Case 4 with this feature off | how | req/s | case 4 ÷ this | feature\'s share of a request |', '| --- | --- | ---: | ---: | ---: |'];
  for (const c of costs) {
    L.push(`| ${c.feature} | ${c.how} | ${c.rpsOff === undefined ? '–' : fmt(c.rpsOff)} | ${c.value === undefined ? '–' : `${fmt(c.value, 2)}×`} | ${c.share === undefined ? '–' : `${fmt(c.share * 100, 0)} %`} |`);
  }
  return L;
}

function ratioLines(rs, ms) {
  const L = ['| Ratio | measured | goal | met | meaning |', '| --- | ---: | ---: | :---: | --- |'];
  for (const r of rs) L.push(`| ${r.id} | ${r.value === undefined ? '–' : `${fmt(r.value, 2)}×`} | ${r.min === undefined ? '–' : `≥ ${r.min}`} | ${r.min === undefined ? '' : yes(r.met)} | ${r.what} |`);
  for (const m of ms) L.push(`| ${m.id} | ${m.value === undefined ? '–' : `${fmt(m.value)} MB`} | ≤ ${m.maxMb} MB | ${m.value === undefined ? '' : yes(m.met)} | ${m.what} |`);
  return L;
}

export function writeReport(result, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const rs = result.service ? ratios(result.service) : [];
  const cg = cliGoals(result.cli ?? {});
  result.ratios = rs.map(({ id, value, min, met }) => ({ id, value, goal: min, met }));
  const mg = result.service ? memoryGoals(result.service) : [];
  if (result.service) result.memoryGoals = mg.map(({ id, case: c, value, maxMb, met }) => ({ id, case: c, valueMb: value, maxMb, met }));
  if (result.service) result.featureCosts = featureCosts(result.service).map(({ feature, how, rpsOff, value, share }) => ({ feature, how, rpsOff, value, share }));
  result.cliGoals = cg;
  const m = result.machine;
  const head = [
    `# create-scaled-api benchmarks${result.mode === 'quick' ? ' (quick: 1 run, short load; a smoke of the harness, not figures to quote)' : ''}`,
    '',
    `${m.date} · ${m.cpus} × ${m.cpuModel} · Node ${m.node} · ${m.os} · mode ${result.mode} (${result.settings.runs} run(s), ${result.settings.seconds} s per load)`,
    '',
  ];
  const md = [
    ...head,
    ...(Object.keys(result.cli ?? {}).length
      ? [
          '## CLI',
          '',
          ...cliLines(result.cli),
          '| CLI goal | measured | goal | met |',
          '| --- | ---: | --- | :---: |',
          ...cg.map((g) => `| ${g.id} | ${fmt(g.value, g.unit === 's' ? 1 : 2)}${g.unit === 's' ? ' s' : '×'} | ${g.goal} | ${yes(g.met)} |`),
          '',
        ]
      : []),
    ...(result.service ? serviceSection(result, rs, mg) : []),
    ...(result.profile ? ['## CPU profile of case 4 (cache-hit GET)', '', ...result.profile.lines, ''] : []),
    ...(result.notes?.length ? ['## Notes', '', ...result.notes.map((n) => `- ${n}`), ''] : []),
    ...(result.service ? ['![service figures](service.svg)', ''] : []),
  ].join('\n');
  fs.writeFileSync(path.join(outDir, 'latest.md'), md);
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (result.service) {
    fs.writeFileSync(
      path.join(outDir, 'service.svg'),
      serviceSvg(result.service, { title: 'GET /items/:id — generated service vs peers', subtitle: `${m.cpus} × ${m.cpuModel} · Node ${m.node} · ${m.date.slice(0, 10)} · ${result.mode}` }),
    );
  }
  return md;
}

function serviceSection(result, rs, mg) {
  return [
    '## Service: `GET /items/:id`',
    '',
    `wrk -t1 -c50 -d${result.settings.seconds}s on loopback, one process per server (cases 7 and 7b: nginx + 2 replicas), median of ${result.settings.runs} interleaved run(s), every other server paused (SIGSTOP) while one is loaded; errors = non-2xx + socket errors over all runs; idle RSS = VmRSS once every server is up, before any load; RSS after load = VmRSS right after its load (median). Generated service: NODE_ENV=production, LOG_LEVEL=info, rate limit on with RATE_LIMIT_MAX=1e9, every other feature at its default (cases 4q, 4r, 4m, 4h, 4v: case 4 with one feature off, see the cost table); request log to a file. Case 8 is the NestJS peer. Cases 1@26 and 4@26 run on Node ${result.machine.node26 ?? '26'} (the active LTS, and the generated Dockerfile's runtime), the others on the machine's Node ${result.machine.node}.`,
    '',
    ...serviceLines(result.service),
    '',
    ...ratioLines(rs, mg),
    '',
    '### What each feature costs (case 4, same rounds)',
    '',
    ...featureLines(featureCosts(result.service)),
    '',
  ];
}
