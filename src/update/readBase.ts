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
  const { execa } = await import('execa');
  const top = await execa('git', ['rev-parse', '--show-toplevel'], { cwd: projectDir, reject: false, stdin: 'ignore' });
  return !top.failed && realpathSync(top.stdout.trim()) === realpathSync(projectDir);
}

/**
 * The files of the base recorded under {@link baseRef}, or undefined when the
 * project is not the top of a git work tree or has no base recorded.
 */
export async function readBase(projectDir: string): Promise<GitBase | undefined> {
  const { execa } = await import('execa');
  const git = (args: string[], input?: string) =>
    execa('git', args, { cwd: projectDir, reject: false, encoding: 'buffer', ...(input === undefined ? { stdin: 'ignore' as const } : { input }) });
  // One process for both: where the work tree starts, and the base's commit (none: exit 1).
  const found = await git(['rev-parse', '--show-toplevel', '--verify', '-q', `${baseRef}^{commit}`]);
  if (found.failed) return undefined;
  const [top, sha] = Buffer.from(found.stdout).toString('utf8').trim().split('\n') as [string, string];
  if (realpathSync(top) !== realpathSync(projectDir)) return undefined;

  // "<mode> blob <object>\t<path>\0" per file.
  const tree = await git(['ls-tree', '-r', '-z', '--full-tree', sha]);
  if (tree.failed) throw new Error(`git ls-tree ${baseRef} failed: ${Buffer.from(tree.stderr).toString('utf8').trim()}`);
  const entries = Buffer.from(tree.stdout)
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
  if (blobs.failed) throw new Error(`git cat-file failed: ${Buffer.from(blobs.stderr).toString('utf8').trim()}`);
  const out = Buffer.from(blobs.stdout);
  const files: GeneratedFile[] = [];
  let at = 0;
  for (const entry of entries) {
    const headerEnd = out.indexOf(10, at);
    const size = Number(out.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
    const contents = out.subarray(headerEnd + 1, headerEnd + 1 + size);
    at = headerEnd + 1 + size + 1;
    files.push({ path: entry.path, contents: Buffer.from(contents), mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
  return { commit: sha, files };
}
