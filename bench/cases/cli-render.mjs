// Render: writing a project without install, git or smoke, against create-vite
// (vanilla-ts) and create-fastify (--lang=ts), each into a fresh folder per run,
// on the machine's Node and, when given, on Node 26 (floor, ours and
// create-vite again). Runs are interleaved with the `node -e 0` floor of their
// runtime so drift hits all alike.
//
// Measured twice: in the machine's temp folder, where users' projects go, and
// in a tmpfs, which takes the disk out. On an ext4 without a journal (this
// bench's VMs) creating a file skips every inode of its group deleted in the
// last minute or more, so a file costs 10 µs or 500 µs depending on what was
// deleted just before, by the bench itself among others; journaled file
// systems do not do this.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, cliBin, countFiles } from '../lib/cli.mjs';
import { envWith } from '../lib/proc.mjs';
import { median } from '../lib/stats.mjs';

const nm = path.join(BENCH_DIR, 'node_modules');
const ours = (dir) => [cliBin(), dir, '--yes', '--no-install', '--no-git', '--no-smoke', '--pm', 'npm'];
const vite = (dir) => [path.join(nm, 'create-vite', 'index.js'), dir, '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'];

function toolsFor(node26) {
  const machine = process.execPath;
  const tools = [
    { id: 'floor', node: machine, label: 'node -e 0', args: () => ['-e', '0'] },
    { id: 'ours', node: machine, floor: 'floor', label: 'create-scaled-api (default project, --no-install --no-git --no-smoke)', args: ours },
    { id: 'createVite', node: machine, floor: 'floor', label: 'create-vite --template vanilla-ts', args: vite },
    { id: 'createFastify', node: machine, floor: 'floor', label: 'create-fastify --lang=ts', args: (dir) => [path.join(nm, 'create-fastify', 'cmd.js'), dir, '--lang=ts'] },
  ];
  if (node26) {
    tools.push(
      { id: 'floor26', node: node26, label: 'node -e 0, Node 26', args: () => ['-e', '0'] },
      { id: 'ours26', node: node26, floor: 'floor26', label: 'create-scaled-api, Node 26', args: ours },
      { id: 'createVite26', node: node26, floor: 'floor26', label: 'create-vite --template vanilla-ts, Node 26', args: vite },
    );
  }
  return tools;
}

/** A tmpfs to render into, when the machine has one (Linux: /dev/shm). */
export function tmpfsDir() {
  const TMPFS_MAGIC = 0x01021994;
  try {
    return fs.statfsSync('/dev/shm').type === TMPFS_MAGIC ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}

export async function render({ runs, node26, parentDir = os.tmpdir() }) {
  const tools = toolsFor(node26);
  const times = Object.fromEntries(tools.map((t) => [t.id, []]));
  const files = {};
  const errors = {};
  const parent = fs.mkdtempSync(path.join(parentDir, 'bench-render-'));
  const env = envWith({ CI: 'true' });
  try {
    for (let r = -1; r < runs; r++) {
      // Round -1 warms the file cache (and Node 26's compile cache) and is not counted.
      for (const t of tools) {
        // Relative folder names, run from the parent: how people call these tools.
        const name = `${t.id}-${r + 1}`;
        const dir = path.join(parent, name);
        const start = performance.now();
        const p = spawnSync(t.node, t.args(name), { cwd: parent, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
        const ms = performance.now() - start;
        if (p.status !== 0) {
          errors[t.id] = `exit ${p.status ?? p.signal}: ${String(p.stderr).trim().split('\n').slice(-2).join(' ')}`;
          continue;
        }
        if (r < 0) continue;
        times[t.id].push(ms);
        if (t.floor) files[t.id] = countFiles(dir);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
  const out = { dir: parentDir, floorMs: median(times.floor), floor26Ms: node26 ? median(times.floor26) : undefined, runs, tools: {} };
  for (const t of tools.filter((x) => x.floor)) {
    const ms = median(times[t.id]);
    const floor = median(times[t.floor]);
    out.tools[t.id] = { label: t.label, ms, x: ms && floor ? ms / floor : undefined, files: files[t.id], error: times[t.id].length ? undefined : errors[t.id] };
  }
  return out;
}
