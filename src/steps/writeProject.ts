import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GeneratedFile } from '../render/types.js';
import { onInterrupt } from '../utils/interrupts.js';
import type { TargetState } from './inspectTarget.js';

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
  const forget = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  try {
    // mkdtemp makes a private (0700) folder; the project should get the usual mode.
    await chmod(staging, 0o777 & ~process.umask());
    const folders = [...new Set(files.map((f) => dirname(join(staging, f.path))))].sort();
    for (const folder of folders) await mkdir(folder, { recursive: true });
    // The mode goes through the umask, like any file the user creates.
    await Promise.all(files.map((f) => writeFile(join(staging, f.path), f.contents, { mode: f.mode })));
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
