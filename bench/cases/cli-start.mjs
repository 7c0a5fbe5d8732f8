// Cold start: --version and --help against `node -e 0`, the floor of any Node CLI.
// Several short hyperfine rounds, so drift on the machine hits every command alike.
import path from 'node:path';
import { BENCH_DIR, cliBin } from '../lib/cli.mjs';
import { hyperfine } from '../lib/hyperfine.mjs';
import { median } from '../lib/stats.mjs';

export async function coldStart({ runs, rounds = 1 }) {
  const node = process.execPath;
  const vite = path.join(BENCH_DIR, 'node_modules', 'create-vite', 'index.js');
  const cli = cliBin();
  const commands = [
    { name: 'floor', cmd: `${node} -e 0` },
    { name: 'version', cmd: `${node} ${cli} --version` },
    { name: 'help', cmd: `${node} ${cli} --help` },
    { name: 'viteHelp', cmd: `${node} ${vite} --help` },
  ];
  const per = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = commands.map((_, i) => commands[(i + r) % commands.length]);
    const res = await hyperfine(order, { runs: Math.max(3, Math.round(runs / rounds)), warmup: 3 });
    for (const c of commands) per[c.name].push(res[c.name].medianMs);
  }
  const ms = (k) => median(per[k]);
  const x = (k) => ms(k) / ms('floor');
  return {
    floorMs: ms('floor'),
    versionMs: ms('version'),
    helpMs: ms('help'),
    createViteHelpMs: ms('viteHelp'),
    versionX: x('version'),
    helpX: x('help'),
    createViteHelpX: x('viteHelp'),
    runs,
    rounds,
  };
}
