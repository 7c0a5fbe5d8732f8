// hyperfine -N (no shell) over several commands; returns median seconds per command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './proc.mjs';

/** commands: [{ name, cmd }] where cmd is one string hyperfine splits on spaces. */
export async function hyperfine(commands, { runs, warmup = 3, cwd } = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hf-')), 'h.json');
  const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', out, ...commands.map((c) => c.cmd)];
  const r = await run('hyperfine', args, { cwd, timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`hyperfine failed (exit ${r.code}): ${r.stderr.trim().slice(-300)}`);
  const results = JSON.parse(fs.readFileSync(out, 'utf8')).results;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return Object.fromEntries(commands.map((c, i) => [c.name, { medianMs: results[i].median * 1000, meanMs: results[i].mean * 1000, runs: results[i].times.length }]));
}
