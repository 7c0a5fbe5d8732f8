// A/B of a change to the generated service: two built project folders (say,
// generated before and after a template change, or a copy whose dist/ was
// edited by hand) started as case 4 starts them (PGlite, memory cache, every
// feature at its default) and loaded in alternating rounds with its cached GET.
//
//   node ab.mjs <dirA> <dirB> [--rounds 3] [--seconds 4] [--env KEY=VALUE ...] [--node /path/to/node]
//
// Besides req/s it prints CPU time per request: utime + stime of the whole
// server process (every thread) from /proc/<pid>/stat over the load. On a
// shared 2-core machine, where wrk competes for the same cores, that figure
// moves far less between rounds than req/s does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startGenerated } from './cases/services.mjs';
import { installCleanup, pauseTree, stopGroup } from './lib/proc.mjs';
import { fmt, median } from './lib/stats.mjs';
import { wrk } from './lib/wrk.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    env: { type: 'string', multiple: true, default: [] },
    // The servers' Node (say, Node 26); the machine's by default.
    node: { type: 'string', default: process.execPath },
  },
});
if (positionals.length !== 2) {
  console.error('usage: node ab.mjs <dirA> <dirB> [--rounds 3] [--seconds 4] [--env KEY=VALUE ...] [--node /path/to/node]');
  process.exit(2);
}
for (const dir of positionals) {
  if (!fs.existsSync(path.join(dir, 'dist', 'main.js'))) {
    console.error(`ab: ${dir} has no dist/main.js (run npm run build in it first)`);
    process.exit(2);
  }
}
const extraEnv = Object.fromEntries(opt.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const rounds = Number(opt.rounds);
const seconds = Number(opt.seconds);
installCleanup();

const ticksPerSecond = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  // Fields after the command name (which may hold spaces): utime is field 14, stime 15.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ab-'));
const servers = [];
try {
  for (const [i, dir] of positionals.entries()) {
    const label = i === 0 ? 'A' : 'B';
    const server = await startGenerated({ logDir: work }, `server-${label}`, { dir }, { PGLITE_DATA_DIR: path.join(work, `pglite-${label}`), ...extraEnv }, opt.node);
    servers.push({ label, dir, child: server.child, url: server.url, rps: [], cpuUs: [] });
  }
  for (const s of servers) await wrk(s.url, { seconds: 2 }); // warm-up: JIT and cache
  for (let r = 0; r < rounds; r++) {
    // A B, then B A: drift on the machine hits both alike.
    for (const s of r % 2 === 0 ? servers : [...servers].reverse()) {
      // The other server is paused, as in the bench: an idle one still wakes
      // up (timers, a garbage collection after its load) on the cores wrk shares.
      const resume = pauseTree(servers.find((other) => other !== s).child);
      const before = cpuSeconds(s.child.pid);
      let load;
      try {
        load = await wrk(s.url, { seconds });
      } finally {
        resume();
      }
      const used = cpuSeconds(s.child.pid) - before;
      s.rps.push(load.rps);
      s.cpuUs.push((used * 1e6) / load.requests);
      process.stdout.write(`round ${r + 1} ${s.label}: ${fmt(load.rps)} req/s, ${fmt((used * 1e6) / load.requests, 1)} CPU µs/request\n`);
    }
  }
  const [a, b] = servers;
  console.log(`\n| | folder | req/s (median) | CPU µs/request (median) |\n| --- | --- | ---: | ---: |`);
  for (const s of servers) console.log(`| ${s.label} | ${s.dir} | ${fmt(median(s.rps))} | ${fmt(median(s.cpuUs), 1)} |`);
  console.log(`\nB/A: req/s ${fmt(median(b.rps) / median(a.rps), 3)}×, CPU per request ${fmt(median(b.cpuUs) / median(a.cpuUs), 3)}× (${rounds} rounds of ${seconds} s)`);
  // A and B of one round ran back to back, so their ratio is spared most of
  // the drift between rounds on a busy machine.
  const paired = b.rps.map((rps, i) => rps / a.rps[i]);
  console.log(`B/A per round: median ${fmt(median(paired), 3)}×, B faster in ${paired.filter((r) => r > 1).length} of ${rounds} rounds`);
} finally {
  for (const s of servers) await stopGroup(s.child);
  fs.rmSync(work, { recursive: true, force: true });
}
