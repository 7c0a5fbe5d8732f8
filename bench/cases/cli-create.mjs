// Full create: generation + install (warm package cache) + smoke, per package
// manager on this machine, broken down by the CLI's own --json step timings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProject } from '../lib/cli.mjs';
import { median } from '../lib/stats.mjs';
import { tail } from '../lib/proc.mjs';

export async function fullCreate({ pms, runs, warm, log }) {
  const out = {};
  for (const pm of pms) {
    const samples = [];
    let error;
    // One unmeasured run first fills the package manager's cache, unless it is already warm.
    const total = runs + (warm.includes(pm) ? 0 : 1);
    for (let i = 0; i < total; i++) {
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), `bench-create-${pm}-`));
      try {
        const r = await createProject(path.join(parent, 'app'), ['--no-git', '--pm', pm], { cwd: parent, timeoutMs: 600_000 });
        if (r.code !== 0 || r.json?.result !== 'success') {
          error = `exit ${r.code}: ${r.json?.error?.message ?? tail(r.stderr)}`;
          log(`  full create with ${pm} failed: ${error}`);
          break;
        }
        if (i >= total - runs) samples.push({ totalMs: r.ms, ...r.json.timings });
        log(`  full create with ${pm}: ${(r.ms / 1000).toFixed(1)} s ${JSON.stringify(r.json.timings)}${i < total - runs ? ' (warm-up)' : ''}`);
      } finally {
        fs.rmSync(parent, { recursive: true, force: true });
      }
    }
    const m = (k) => median(samples.map((s) => s[k]));
    out[pm] = samples.length
      ? { totalMs: m('totalMs'), writeMs: m('write'), installMs: m('install'), smokeMs: m('smoke'), runs: samples.length }
      : { error: error ?? 'no run' };
  }
  return out;
}
