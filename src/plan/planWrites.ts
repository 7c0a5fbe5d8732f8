import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { GeneratedFile } from '../render/types.js';
import { specialRuleFor } from './rules.js';
import { type Merger, threeWayMerge } from './threeWayMerge.js';
import type { PlanEntry, WritePlan } from './types.js';

export interface PlanInput {
  /** The render of the answers the project was made with (what the user started from). */
  base: readonly GeneratedFile[];
  /** The render of the new answers, or of the new templates. */
  theirs: readonly GeneratedFile[];
  /** The project folder: "ours" is what is on its disk. */
  projectDir: string;
  /** Path of the answers file, which is rewritten rather than merged. */
  answersFile: string;
  merge?: Merger;
}

interface OnDisk {
  contents: Buffer;
  mode: number;
}

const bytes = (contents: string | Buffer) => (typeof contents === 'string' ? Buffer.from(contents) : contents);
const same = (a: string | Buffer, b: string | Buffer) => bytes(a).equals(bytes(b));
// The check git uses: a NUL byte in the first 8000 bytes means binary.
const isBinary = (contents: string | Buffer) => bytes(contents).subarray(0, 8000).includes(0);

/**
 * The file at `path` in the project, or undefined when there is none. A path
 * that leads out of the project through a symlink, or that is a folder, is
 * refused before anything is written.
 */
function readOurs(projectDir: string, realRoot: string, path: string): OnDisk | undefined {
  const full = join(projectDir, path);
  let dir = dirname(full);
  // The nearest existing parent decides where a new file would land.
  for (;;) {
    try {
      statSync(dir);
      break;
    } catch {
      dir = dirname(dir);
    }
  }
  const realDir = realpathSync(dir);
  if (realDir !== realRoot && !realDir.startsWith(realRoot + sep)) {
    throw new UserError(`${path} leads outside the project (through a symbolic link); nothing was changed.`);
  }
  let info;
  try {
    info = lstatSync(full);
  } catch {
    return undefined;
  }
  if (info.isSymbolicLink()) throw new UserError(`${path} is a symbolic link in the project; nothing was changed.`, 'Replace the link with a file, or move it away.');
  if (!info.isFile()) throw new UserError(`${path} is a folder in the project, where the template makes a file; nothing was changed.`);
  return { contents: readFileSync(full), mode: info.mode & 0o777 };
}

async function planOne(path: string, base: GeneratedFile | undefined, theirs: GeneratedFile | undefined, ours: OnDisk | undefined, input: PlanInput): Promise<PlanEntry | undefined> {
  const rule = specialRuleFor(path, input.answersFile);
  if (!theirs) {
    if (!ours || !base) return undefined;
    if (rule === 'append-only' || rule === 'regenerated') return { path, action: 'keep', reason: rule };
    return same(ours.contents, base.contents) ? { path, action: 'delete' } : { path, action: 'keep', reason: 'edited-in-project' };
  }
  const create: PlanEntry = { path, action: 'create', contents: theirs.contents, mode: theirs.mode };
  if (!ours) {
    // A new file is written even under a special rule: a new migration is the point of append-only.
    if (!base) return create;
    if (rule === 'rewritten') return { ...create, reason: rule };
    return { path, action: 'keep', reason: same(base.contents, theirs.contents) ? 'unchanged' : 'deleted-in-project' };
  }
  if (same(ours.contents, theirs.contents)) return { path, action: 'keep', reason: 'same' };
  if (rule === 'rewritten') return { path, action: 'replace', reason: rule, contents: theirs.contents, mode: ours.mode };
  if (base && same(base.contents, theirs.contents)) return { path, action: 'keep', reason: 'unchanged' };
  if (rule) return { path, action: 'keep', reason: rule };
  if (base && same(base.contents, ours.contents)) return { path, action: 'replace', contents: theirs.contents, mode: ours.mode };
  const reason = base ? undefined : 'added-on-both-sides';
  if (isBinary(ours.contents) || isBinary(theirs.contents)) return { path, action: 'conflict', reason: 'binary', conflicts: 1 };
  const merge = input.merge ?? threeWayMerge;
  const merged = await merge(ours.contents.toString('utf8'), base ? bytes(base.contents).toString('utf8') : '', bytes(theirs.contents).toString('utf8'));
  if (merged.conflicts > 0) return { path, action: 'conflict', ...(reason ? { reason } : {}), contents: merged.text, mode: ours.mode, conflicts: merged.conflicts };
  return { path, action: 'merge', ...(reason ? { reason } : {}), contents: merged.text, mode: ours.mode };
}

/**
 * Decides, for every file the base or the new render makes, what writing the
 * new render into the project does to it. Reads the project, writes nothing:
 * the plan can be shown (--dry-run) and then applied as one unit.
 */
export async function planWrites(input: PlanInput): Promise<WritePlan> {
  const realRoot = realpathSync(input.projectDir);
  const bases = new Map(input.base.map((f) => [f.path, f]));
  const theirs = new Map(input.theirs.map((f) => [f.path, f]));
  const paths = [...new Set([...bases.keys(), ...theirs.keys()])].sort();
  const entries: PlanEntry[] = [];
  for (const path of paths) {
    const entry = await planOne(path, bases.get(path), theirs.get(path), readOurs(input.projectDir, realRoot, path), input);
    if (entry) entries.push(entry);
  }
  const pkgBase = bases.get('package.json');
  const pkgTheirs = theirs.get('package.json');
  const dependenciesChanged = pkgTheirs !== undefined && (pkgBase === undefined || !same(pkgBase.contents, pkgTheirs.contents));
  return { entries, dependenciesChanged };
}
