import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { GeneratedFile } from '../render/types.js';
import { onInterrupt } from '../utils/interrupts.js';
import type { TargetState } from './inspectTarget.js';

const WRITE_CONCURRENCY = 16;

/** Every folder the files need, parents before children. */
function foldersOf(files: readonly GeneratedFile[]): string[] {
  const folders = new Set<string>();
  for (const f of files) {
    for (let folder = posix.dirname(f.path); folder !== '.'; folder = posix.dirname(folder)) folders.add(folder);
  }
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length);
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface WriteResult {
  /** Files of the user's that --force replaced with generated ones. */
  overwritten: string[];
}

/**
 * Writes into a hidden sibling folder first and moves it into place only
 * when every file is there: a failure or Ctrl-C midway leaves nothing
 * half-written, and a user's file is touched only when --force allowed it.
 */
export async function writeProject(files: readonly GeneratedFile[], target: string, state: TargetState): Promise<WriteResult> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.scaled-api-`));
  // Retries: file creations already handed to libuv's thread pool can land
  // while the folder is being removed (ENOTEMPTY).
  const forget = onInterrupt(() => rmSync(staging, { recursive: true, force: true, maxRetries: 10, retryDelay: 10 }));
  try {
    // mkdtemp makes a private (0700) folder; the project should get the usual mode.
    await chmod(staging, 0o777 & ~process.umask());
    // Parents first and never recursive, so nothing can bring back a staging
    // folder that Ctrl-C removed. Synchronous: two dozen short mkdirs cost
    // less than as many round trips through libuv's thread pool.
    for (const folder of foldersOf(files)) mkdirSync(join(staging, folder));
    // A few writes at a time, so that after Ctrl-C only a few can still be
    // queued. The mode goes through the umask, like any file the user creates.
    await forEachConcurrently(files, WRITE_CONCURRENCY, (f) => writeFile(join(staging, f.path), f.contents, { mode: f.mode }));
    if (!state.exists) {
      await rename(staging, target);
      return { overwritten: [] };
    }
    const overwritten = files.map((f) => f.path).filter((p) => existsSync(join(target, p)));
    // Merging into an existing folder is a copy, not a rename: a rename of
    // src/ would replace the user's own files in it.
    const { copy } = (await import('fs-extra')).default;
    await copy(staging, target, { overwrite: true, errorOnExist: false });
    await rm(staging, { recursive: true, force: true });
    return { overwritten };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    forget();
  }
}
