// `update --check` on a project that is current: what the weekly CI job and a
// pre-commit hook pay (SPEC §8: at most 2 s). The project is made with git, so
// the base is the recorded ref, as after any create.
import fs from 'node:fs';
import path from 'node:path';
import { cliBin } from '../lib/cli.mjs';
import { hyperfine } from '../lib/hyperfine.mjs';
import { run, tail } from '../lib/proc.mjs';

export async function updateCheck({ runs, workDir }) {
  const parent = fs.mkdtempSync(path.join(workDir, 'update-'));
  const cli = cliBin();
  const env = { CI: 'true' };
  const made = await run(process.execPath, [cli, 'current', '--yes', '--no-install', '--no-smoke', '--pm', 'npm'], { cwd: parent, env, timeoutMs: 120_000 });
  if (made.code !== 0) throw new Error(`create failed: ${tail(made.stderr || made.stdout)}`);
  const project = path.join(parent, 'current');
  const check = await run(process.execPath, [cli, 'update', '--check', '--dir', project], { env, timeoutMs: 120_000 });
  if (check.code !== 0) throw new Error(`update --check on a new project exited ${check.code}: ${tail(check.stderr || check.stdout)}`);
  const res = await hyperfine([{ name: 'check', cmd: `${process.execPath} ${cli} update --check --dir ${project}` }], { runs, warmup: 2 });
  fs.rmSync(parent, { recursive: true, force: true });
  return { ms: res.check.medianMs, runs: res.check.runs };
}
