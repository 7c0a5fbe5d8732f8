#!/usr/bin/env node
// npm run bench [-- --quick] [--only cli|service] [--cases 1,4,7] [--runs N] [--seconds S] [--profile] [--strict] [--keep]
// BENCH_DEFAULT_PROJECT / BENCH_NOCACHE_PROJECT=dir: bench these built projects instead of generating them.
// Measures the CLI and the generated service beside their peers in one run,
// prints a table and writes results/latest.{json,md} and results/service.svg.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coldStart } from './cases/cli-start.mjs';
import { fullCreate } from './cases/cli-create.mjs';
import { render, tmpfsDir } from './cases/cli-render.mjs';
import { updateCheck } from './cases/cli-update.mjs';
import { profileCacheHit } from './cases/profile.mjs';
import { cases, DEFAULT_ITEM } from './cases/services.mjs';
import { BENCH_DIR, installCli } from './lib/cli.mjs';
import { loadCases } from './lib/load.mjs';
import { createDatabase, dropDatabase, redisUp } from './lib/pg.mjs';
import { installCleanup, run, stopAllNow, tail } from './lib/proc.mjs';
import { migrate, prepareProject } from './lib/projects.mjs';
import { ensureTools, node26, packageManagersPresent } from './lib/tools.mjs';
import { ratios, writeReport } from './report.mjs';

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    seconds: { type: 'string' },
    profile: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    cases: { type: 'string' },
  },
});
const quick = opt.quick;
const settings = {
  runs: Number(opt.runs ?? (quick ? 1 : 3)),
  seconds: Number(opt.seconds ?? (quick ? 2 : 10)),
  warmupSeconds: quick ? 2 : 3,
  coldStartRuns: quick ? 10 : 30,
  // Render sits within a few percent of create-vite's time, and medians of 10
  // renders moved by up to 5 % between full runs on one machine: 20 per
  // figure narrow that, for about 30 s more.
  renderRuns: quick ? 3 : 20,
};
const doCli = opt.only !== 'service';
const doService = opt.only !== 'cli';
const t0 = Date.now();
const log = (m) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

installCleanup();
// Bounded in time whatever happens: quick ≤ 20 min, full ≤ 75 min.
const watchdog = setTimeout(() => {
  log('time limit reached: stopping everything');
  stopAllNow();
  process.exit(1);
}, (quick ? 20 : 75) * 60_000);
watchdog.unref();

const attempt = async (what, fn) => {
  try {
    return await fn();
  } catch (error) {
    log(`${what} failed: ${error.message}`);
    return { error: error.message };
  }
};

async function main() {
  const result = {
    mode: quick ? 'quick' : 'full',
    settings,
    machine: {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      memGb: Math.round(os.totalmem() / 2 ** 30),
    },
    notes: [],
  };
  const problems = await ensureTools(log);
  result.notes.push(...problems.map((p) => `tool problem: ${p}`));
  const wrkV = await run('wrk', ['-v'], { timeoutMs: 5000 });
  result.machine.wrk = (wrkV.stdout + wrkV.stderr).split('\n')[0].trim();
  if (!['create-vite', '@nestjs/core', 'typescript'].every((pkg) => fs.existsSync(path.join(BENCH_DIR, 'node_modules', pkg)))) {
    log('installing the bench dependencies (create-vite, create-fastify, the NestJS peer)');
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH_DIR, timeoutMs: 300_000 });
    if (ci.code !== 0) result.notes.push(`bench npm ci failed: ${tail(ci.stderr)}`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-work-'));
  const logDir = path.join(workDir, 'logs');
  fs.mkdirSync(logDir);
  log(`work folder ${workDir}`);
  const dbName = `bench_${process.pid}_${Date.now()}`;
  let dbCreated = false;
  let ctx;
  try {
    await installCli(log, workDir);
    const n26 = await node26(log, workDir);
    result.machine.node26 = n26.version ?? n26.error;
    result.cli = {};
    if (doCli) {
      log('CLI cold start (hyperfine)');
      result.cli.coldStart = await attempt('cold start', () => coldStart({ runs: settings.coldStartRuns, rounds: quick ? 1 : 3 }));
      log('CLI render vs create-vite and create-fastify');
      result.cli.render = await attempt('render', () => render({ runs: settings.renderRuns, node26: n26.path }));
      const tmpfs = tmpfsDir();
      if (tmpfs) {
        log(`CLI render again in a tmpfs (${tmpfs}), without the disk`);
        result.cli.renderTmpfs = await attempt('render', () => render({ runs: settings.renderRuns, node26: n26.path, parentDir: tmpfs }));
      }
      log('CLI update --check on a current project');
      result.cli.updateCheck = await attempt('update --check', () => updateCheck({ runs: quick ? 3 : 10, workDir }));
    }

    const projects = {};
    if (doService || doCli) {
      projects.default = await prepareProject(workDir, 'svc-default', ['--cache', 'redis', '--db', 'postgres'], log, process.env.BENCH_DEFAULT_PROJECT);
      if (projects.default.error) log(`  ${projects.default.error}`);
    }
    if (doCli) {
      log('CLI full create (generation + install with a warm cache + smoke)');
      const pms = await packageManagersPresent();
      result.cli.fullCreate = await attempt('full create', () => fullCreate({ pms, runs: quick ? 1 : 3, warm: ['npm'], log }));
    }

    if (doService) {
      const linkFrom = quick && projects.default && !projects.default.error ? projects.default.dir : undefined;
      projects.nocache = await prepareProject(workDir, 'svc-nocache', ['--cache', 'none', '--db', 'postgres'], log, process.env.BENCH_NOCACHE_PROJECT, linkFrom);
      if (projects.nocache.error) log(`  ${projects.nocache.error}`);
      ctx = { workDir, logDir, projects, dbName, itemJson: JSON.stringify(DEFAULT_ITEM), redisOk: await redisUp(), node26: n26 };
      try {
        ctx.pgUrl = await createDatabase(dbName);
        dbCreated = true;
        for (const p of [projects.default, projects.nocache]) if (p && !p.error) await migrate(p.dir, ctx.pgUrl);
      } catch (error) {
        ctx.pgError = error.message;
        ctx.pgUrl = undefined;
        log(`PostgreSQL: ${error.message}`);
      }
      const wanted = opt.cases?.split(',').map((x) => x.trim());
      const chosen = wanted ? cases.filter((c) => wanted.includes(c.id) || wanted.includes(c.n)) : cases;
      result.service = await loadCases(chosen, ctx, { ...settings, log });
      result.itemJsonFrom = ctx.itemJsonFrom ?? 'built-in default (no generated service answered)';
      if (result.service['gen-memory-pglite']?.rps && result.service['seed-fastapi']?.rps && result.service['seed-fastapi-dict']?.rps) {
        result.notes.push(
          "Case 3 uses the synchronous redis.Redis client as the seed article does; case 3m is the same app with an in-process dict cache, for a like-for-like look at 4/3m = " +
            (result.service['gen-memory-pglite']?.rps / result.service['seed-fastapi-dict'].rps).toFixed(2) + '×.',
        );
      }
      const r41 = ratios(result.service).find((r) => r.id === '4/1');
      if ((opt.profile || (!quick && r41.met === false)) && projects.default && !projects.default.error) {
        log('case 4 misses its goal (or --profile): CPU profile of the cache-hit GET');
        result.profile = await attempt('profile', () => profileCacheHit(ctx, projects.default, { seconds: quick ? 3 : 10, log }));
        if (result.profile.error) result.profile = { lines: [`not profiled: ${result.profile.error}`] };
      }
    }
  } finally {
    if (dbCreated) await dropDatabase(dbName);
    for (const { name, made } of ctx?.listDatabases?.values() ?? []) await made.then(() => dropDatabase(name), () => dropDatabase(name));
    if (!opt.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else log(`kept ${workDir}`);
  }

  result.elapsedSeconds = Math.round((Date.now() - t0) / 1000);
  // A quick run is a smoke of the harness: it never replaces the committed figures of a full run.
  const outDir = path.join(BENCH_DIR, 'results', quick || opt.cases || opt.only ? 'raw' : '');
  const md = writeReport(result, outDir);
  process.stdout.write(`${md}\n`);
  log(`done in ${result.elapsedSeconds} s: ${path.relative(BENCH_DIR, outDir) || '.'}/latest.md, latest.json, service.svg`);
  const missing = Object.values(result.service ?? {}).filter((r) => r.error).length + Object.values(result.cli ?? {}).filter((r) => r?.error).length;
  return opt.strict && (missing > 0 || problems.length > 0) ? 1 : 0;
}

main().then(
  (code) => {
    stopAllNow();
    process.exit(code);
  },
  (error) => {
    log(`bench crashed: ${error.stack}`);
    stopAllNow();
    process.exit(1);
  },
);
