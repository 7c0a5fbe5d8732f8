import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedFile } from '../render/types.js';

/** The ref holding what the templates rendered; no branch points at it, so `git log` and the work tree never show it. */
export const baseRef = 'refs/scaled-api/base';

const fallbackIdentity = {
  GIT_AUTHOR_NAME: 'create-scaled-api',
  GIT_AUTHOR_EMAIL: 'create-scaled-api@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'create-scaled-api',
  GIT_COMMITTER_EMAIL: 'create-scaled-api@users.noreply.github.com',
};

export type RecordOutcome = { done: true; commit: string } | { done: false; why: string };

/**
 * Stores `files` as a commit under {@link baseRef}, parented on the previous
 * base so the rendered history stays reachable. A throwaway index keeps the
 * user's staged changes and work tree untouched: the files go straight into
 * the object database.
 */
export async function recordBase(projectDir: string, files: readonly GeneratedFile[], version: string): Promise<RecordOutcome> {
  const { execa } = await import('execa');
  const scratch = await mkdtemp(join(tmpdir(), 'csa-base-'));
  const env = { ...process.env, GIT_INDEX_FILE: join(scratch, 'index') };
  const git = (args: string[], input?: string | Buffer) =>
    execa('git', args, { cwd: projectDir, reject: false, env, extendEnv: false, ...(input === undefined ? { stdin: 'ignore' as const } : { input }) });
  try {
    const top = await git(['rev-parse', '--show-toplevel']);
    if (top.failed) return { done: false, why: 'the folder is not a git repository' };
    // One git process for every blob: each file goes through the scratch
    // folder, and hash-object reads them all from one list of paths.
    const paths = files.map((f, i) => join(scratch, `blob-${i}`));
    await Promise.all(files.map((f, i) => writeFile(paths[i]!, f.contents)));
    const blobs = await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], paths.join('\n') + '\n');
    if (blobs.failed) return { done: false, why: `git hash-object failed: ${blobs.stderr.trim().split('\n')[0]}` };
    const shas = blobs.stdout.trim().split('\n');
    const entries = files.map((f, i) => `${f.mode & 0o111 ? '100755' : '100644'} ${shas[i]}\t${f.path}`);
    const index = await git(['update-index', '--add', '--index-info'], entries.join('\n') + '\n');
    if (index.failed) return { done: false, why: `git update-index failed: ${index.stderr.trim().split('\n')[0]}` };
    const tree = await git(['write-tree']);
    if (tree.failed) return { done: false, why: `git write-tree failed: ${tree.stderr.trim().split('\n')[0]}` };
    const parent = await git(['rev-parse', '--verify', '-q', `${baseRef}^{commit}`]);
    const parentArgs = parent.failed ? [] : ['-p', parent.stdout.trim()];
    const email = await git(['config', 'user.email']);
    const identity = email.failed || email.stdout.trim() === '' ? fallbackIdentity : {};
    const commit = await execa('git', ['commit-tree', tree.stdout.trim(), ...parentArgs, '-m', `create-scaled-api ${version}: rendered templates`], {
      cwd: projectDir, reject: false, env: { ...env, ...identity }, extendEnv: false, stdin: 'ignore',
    });
    if (commit.failed) return { done: false, why: `git commit-tree failed: ${commit.stderr.trim().split('\n')[0]}` };
    const sha = commit.stdout.trim();
    const ref = await git(['update-ref', baseRef, sha]);
    if (ref.failed) return { done: false, why: `git update-ref failed: ${ref.stderr.trim().split('\n')[0]}` };
    return { done: true, commit: sha };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The commit of the recorded base, or undefined when the folder has none (made without git, or before bases were recorded). */
export async function recordedBase(projectDir: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  const r = await execa('git', ['rev-parse', '--verify', '-q', `${baseRef}^{commit}`], { cwd: projectDir, reject: false, stdin: 'ignore' });
  return r.failed ? undefined : r.stdout.trim();
}
