import { readdirSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';

// A fresh clone or `git init` leaves these; they do not make a folder "used".
const harmless = new Set(['.git', '.DS_Store', 'Thumbs.db']);

export interface TargetState {
  exists: boolean;
  /** Entries already there (harmless ones excluded). */
  entries: string[];
}

export function inspectTarget(target: string, display: string, force: boolean): TargetState {
  let info;
  try {
    info = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, entries: [] };
    throw new UserError(`Cannot use ${display}: ${(error as NodeJS.ErrnoException).code}.`);
  }
  if (!info.isDirectory()) throw new UserError(`${display} exists and is not a folder.`, 'Choose another target folder.');
  const entries = readdirSync(target).filter((e) => !harmless.has(e)).sort();
  if (entries.length > 0 && !force) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ` and ${entries.length - 5} more` : '');
    throw new UserError(
      `${display} is not empty (${shown}).`,
      'Choose another folder, or pass --force to add the project beside them (generated files overwrite same-named ones; nothing is deleted).',
    );
  }
  return { exists: true, entries };
}
