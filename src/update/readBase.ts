import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import type { GeneratedFile } from '../render/types.js';
import { baseRef } from './recordBase.js';

export interface GitBase {
  commit: string;
  files: GeneratedFile[];
}

/**
 * Whether the project is the top of its git work tree: the base ref belongs
 * to the repository, so a project that is only a folder of a bigger one
 * neither reads nor records it.
 */
export async function isRepositoryTop(projectDir: string): Promise<boolean> {
  const top = await run(projectDir, ['rev-parse', '--show-toplevel']);
  return top.ok && realpathSync(top.stdout.toString('utf8').trim()) === realpathSync(projectDir);
}

/**
 * The files of the base recorded under {@link baseRef}, or undefined when the
 * project is not the top of a git work tree or has no base recorded.
 */
export async function readBase(projectDir: string): Promise<GitBase | undefined> {
  const git = (args: string[], input?: string) => run(projectDir, args, input);
  // One process for both: where the work tree starts, and the base's commit (none: exit 1).
  const found = await git(['rev-parse', '--show-toplevel', '--verify', '-q', `${baseRef}^{commit}`]);
  if (!found.ok) return undefined;
  const [top, sha] = found.stdout.toString('utf8').trim().split('\n') as [string, string];
  if (realpathSync(top) !== realpathSync(projectDir)) return undefined;

  // "<mode> blob <object>\t<path>\0" per file.
  const tree = await git(['ls-tree', '-r', '-z', '--full-tree', sha]);
  if (!tree.ok) throw new Error(`git ls-tree ${baseRef} failed: ${tree.stderr.trim()}`);
  const entries = tree.stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, type, object] = meta.split(' ') as [string, string, string];
      return { mode, type, object, path };
    })
    .filter((e) => e.type === 'blob');
  if (entries.length === 0) return { commit: sha, files: [] };

  // One process for every blob: "<object> blob <size>\n<bytes>\n" each.
  const blobs = await git(['cat-file', '--batch'], entries.map((e) => e.object).join('\n') + '\n');
  if (!blobs.ok) throw new Error(`git cat-file failed: ${blobs.stderr.trim()}`);
  const out = blobs.stdout;
  const files: GeneratedFile[] = [];
  let at = 0;
  for (const entry of entries) {
    const headerEnd = out.indexOf(10, at);
    const size = Number(out.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
    const contents = out.subarray(headerEnd + 1, headerEnd + 1 + size);
    at = headerEnd + 1 + size + 1;
    files.push({ path: entry.path, contents, mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
  return { commit: sha, files };
}

/**
 * git with its output as one Buffer. Node's own execFile rather than execa:
 * the blobs are a megabyte or more, which execa gathers chunk by chunk, and
 * `update --check` on a current project then needs no execa at all.
 */
function run(cwd: string, args: string[], input?: string): Promise<{ ok: boolean; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 2 ** 31 - 1 }, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr: stderr.toString('utf8') }));
    child.stdin?.end(input);
  });
}
