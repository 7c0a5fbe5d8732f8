import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onInterrupt } from '../utils/interrupts.js';
import type { PlanEntry, WritePlan } from './types.js';

/** How to put one file back as it was. */
type Undo = { kind: 'remove'; full: string } | { kind: 'restore'; full: string; contents: Buffer; mode: number } | { kind: 'rmdir'; full: string };

export interface ApplyOptions {
  /** Entries written last, in this order (the answers file records a finished write). */
  last?: readonly string[];
  /** Called after each file; a test's way to fail or interrupt mid-write. */
  afterEach?: (entry: PlanEntry) => void;
}

function writes(entry: PlanEntry): boolean {
  return entry.action === 'delete' || (entry.contents !== undefined && entry.action !== 'keep');
}

function mkdirs(dir: string, undo: Undo[]): void {
  if (existsSync(dir)) return;
  mkdirs(dirname(dir), undo);
  mkdirSync(dir);
  undo.push({ kind: 'rmdir', full: dir });
}

function rollBack(undo: Undo[]): void {
  for (const step of undo.reverse()) {
    try {
      if (step.kind === 'remove') rmSync(step.full, { force: true });
      else if (step.kind === 'rmdir') rmdirSync(step.full);
      else {
        writeFileSync(step.full, step.contents);
        chmodSync(step.full, step.mode);
      }
    } catch {
      // Best effort: restore every other file even if one cannot be.
    }
  }
  undo.length = 0;
}

/**
 * Writes a plan into the project as one unit: each file through a temp file
 * and a rename, and on a failure or Ctrl-C every file written so far is put
 * back (originals restored, new files and folders removed), so the project
 * is as it was. Returns the entries that were written.
 */
export async function applyPlan(plan: WritePlan, projectDir: string, options: ApplyOptions = {}): Promise<PlanEntry[]> {
  const last = options.last ?? [];
  const todo = plan.entries.filter(writes);
  todo.sort((a, b) => last.indexOf(a.path) - last.indexOf(b.path));
  const undo: Undo[] = [];
  const forget = onInterrupt(() => rollBack(undo));
  try {
    for (const entry of todo) {
      const full = join(projectDir, entry.path);
      const existed = existsSync(full);
      if (existed) {
        undo.push({ kind: 'restore', full, contents: readFileSync(full), mode: statSync(full).mode & 0o777 });
      } else {
        mkdirs(dirname(full), undo);
        undo.push({ kind: 'remove', full });
      }
      if (entry.action === 'delete') unlinkSync(full);
      else {
        const temp = `${full}.scaled-api-${process.pid}.tmp`;
        undo.push({ kind: 'remove', full: temp });
        // A new file's mode goes through the umask, like any file the user
        // creates; a file that was there keeps the mode it had.
        writeFileSync(temp, entry.contents!, { mode: entry.mode ?? 0o644 });
        if (existed && entry.mode !== undefined) chmodSync(temp, entry.mode);
        renameSync(temp, full);
      }
      options.afterEach?.(entry);
      // Lets a pending SIGINT in between files, where the rollback handler can run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return todo;
  } catch (error) {
    rollBack(undo);
    throw error;
  } finally {
    forget();
  }
}
