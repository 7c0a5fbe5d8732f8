import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedFile } from '../render/types.js';
import { onInterrupt } from '../utils/interrupts.js';

// npm fetches the package once; a render of the default project takes well under a second.
const NPX_TIMEOUT_MS = 180_000;

export type NpxBase = { done: true; files: GeneratedFile[] } | { done: false; why: string };

function filesOf(root: string, rel = ''): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesOf(root, path));
    else if (entry.isFile()) out.push({ path, contents: readFileSync(join(root, path)), mode: lstatSync(join(root, path)).mode & 0o777 });
  }
  return out;
}

/**
 * Renders the base with the CLI version that made the project: `npx
 * create-scaled-api@<version>`, given the project's own answers file as its
 * preset, into a temp folder, with nothing installed or run. npx is started
 * in the project, so a copy of that version in its node_modules or in the
 * npm cache is used before the registry is asked.
 */
export async function renderBaseWithNpx(projectDir: string, version: string, answersFile: string): Promise<NpxBase> {
  const { execa } = await import('execa');
  const scratch = mkdtempSync(join(tmpdir(), 'csa-update-base-'));
  const forget = onInterrupt(() => rmSync(scratch, { recursive: true, force: true }));
  try {
    const target = join(scratch, 'project');
    const args = ['--yes', `create-scaled-api@${version}`, target, '--preset', join(projectDir, answersFile), '--yes', '--no-install', '--no-git', '--no-smoke'];
    const child = execa('npx', args, {
      cwd: projectDir,
      reject: false,
      stdin: 'ignore',
      all: true,
      timeout: NPX_TIMEOUT_MS,
      // The cache first: a version seen once renders again without the network.
      env: { CI: 'true', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    const stop = onInterrupt(() => child.kill('SIGKILL'));
    const r = await child.finally(stop);
    if (r.failed) {
      if (r.timedOut) return { done: false, why: `npx create-scaled-api@${version} took longer than ${NPX_TIMEOUT_MS / 1000} s` };
      const output = r.all ?? '';
      const code = /\b(E404|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET)\b/.exec(output)?.[1];
      if (code === 'E404') return { done: false, why: `npm has no create-scaled-api@${version} (npx: E404)` };
      if (code) return { done: false, why: `npx create-scaled-api@${version} cannot reach the npm registry (${code})` };
      const last = output.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? r.shortMessage ?? 'no output';
      return { done: false, why: `npx create-scaled-api@${version} failed: ${last.replace(/^npm error /, '')}` };
    }
    return { done: true, files: filesOf(target) };
  } catch (error) {
    return { done: false, why: `npx could not run: ${(error as Error).message}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    forget();
  }
}
