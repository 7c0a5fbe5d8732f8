import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { GeneratedFile } from '../render/types.js';
import { msSince, now } from '../utils/clock.js';
import { onInterrupt } from '../utils/interrupts.js';
import type { TargetState } from './inspectTarget.js';

// How long synchronous writing may hold the event loop before it yields, so
// Ctrl-C and the TTY spinner are still served during a big --template write.
const YIELD_EVERY_MS = 15;

/**
 * Every folder the files need, parents before children: each path's
 * prefixes are added shortest first, so a folder's parent is always in the
 * set before it.
 */
function foldersOf(files: readonly GeneratedFile[]): string[] {
  const folders = new Set<string>();
  for (const { path } of files) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash));
  }
  return [...folders];
}

/**
 * Paths are joined with a plain `/`: render only lets through relative paths
 * that are already normal, and path.join's normalising of each one cost
 * more than writing the file (V8 compiled it mid-run).
 *
 * Synchronous calls in slices: a project is a few dozen small files, and
 * each asynchronous write is three round trips through libuv's thread pool
 * (open, write, close). Writing the default project to tmpfs took 6.5 ms
 * that way and 1.8 ms like this, in create-scaled-api's benchmark.
 */
async function writeFiles(staging: string, files: readonly GeneratedFile[]): Promise<void> {
  let sliceStart = now();
  for (const f of files) {
    // The mode goes through the umask, like any file the user creates.
    writeFileSync(`${staging}/${f.path}`, f.contents, { mode: f.mode });
    if (msSince(sliceStart) >= YIELD_EVERY_MS) {
      // setImmediate lets the loop poll, where a pending SIGINT is delivered.
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = now();
    }
  }
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
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.scaled-api-`));
  const forget = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  try {
    // mkdtemp makes a private (0700) folder; the project should get the usual mode.
    chmodSync(staging, 0o777 & ~process.umask());
    // Parents before children, so each folder is one mkdir and none is walked twice.
    for (const folder of foldersOf(files)) mkdirSync(`${staging}/${folder}`);
    await writeFiles(staging, files);
    if (!state.exists) {
      renameSync(staging, target);
      return { overwritten: [] };
    }
    const overwritten = files.map((f) => f.path).filter((p) => existsSync(join(target, p)));
    // Merging into an existing folder is a copy, not a rename: a rename of
    // src/ would replace the user's own files in it.
    const { copy } = (await import('fs-extra')).default;
    await copy(staging, target, { overwrite: true, errorOnExist: false });
    rmSync(staging, { recursive: true, force: true });
    return { overwritten };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    forget();
  }
}
