// Render: writing a project without install, git or smoke, against create-vite
// (vanilla-ts) and create-fastify (--lang=ts), each into a fresh folder per run.
// Runs are interleaved with the `node -e 0` floor so drift hits all alike.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, cliBin, countFiles } from '../lib/cli.mjs';
import { envWith } from '../lib/proc.mjs';
import { median } from '../lib/stats.mjs';

const nm = path.join(BENCH_DIR, 'node_modules');
const tools = [
  { id: 'floor', label: 'node -e 0', args: () => ['-e', '0'] },
  { id: 'ours', label: 'create-scaled-api (default project, --no-install --no-git --no-smoke)', args: (dir) => [cliBin(), dir, '--yes', '--no-install', '--no-git', '--no-smoke', '--pm', 'npm'] },
  { id: 'createVite', label: 'create-vite --template vanilla-ts', args: (dir) => [path.join(nm, 'create-vite', 'index.js'), dir, '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'] },
  { id: 'createFastify', label: 'create-fastify --lang=ts', args: (dir) => [path.join(nm, 'create-fastify', 'cmd.js'), dir, '--lang=ts'] },
];

export async function render({ runs }) {
  const times = Object.fromEntries(tools.map((t) => [t.id, []]));
  const files = {};
  const errors = {};
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-render-'));
  const env = envWith({ CI: 'true' });
  try {
    for (let r = -1; r < runs; r++) {
      // Round -1 warms the file cache and is not counted.
      for (const t of tools) {
        // Relative folder names, run from the parent: how people call these tools.
        const name = `${t.id}-${r + 1}`;
        const dir = path.join(parent, name);
        const start = performance.now();
        const p = spawnSync(process.execPath, t.args(name), { cwd: parent, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
        const ms = performance.now() - start;
        if (p.status !== 0) {
          errors[t.id] = `exit ${p.status ?? p.signal}: ${String(p.stderr).trim().split('\n').slice(-2).join(' ')}`;
          continue;
        }
        if (r < 0) continue;
        times[t.id].push(ms);
        if (t.id !== 'floor') files[t.id] = countFiles(dir);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
  const floor = median(times.floor);
  const out = { floorMs: floor, runs, tools: {} };
  for (const t of tools.slice(1)) {
    const ms = median(times[t.id]);
    out.tools[t.id] = { label: t.label, ms, x: ms && floor ? ms / floor : undefined, files: files[t.id], error: times[t.id].length ? undefined : errors[t.id] };
  }
  return out;
}
