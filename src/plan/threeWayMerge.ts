import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MergeOutcome {
  text: string;
  /** Conflicting hunks left as `<<<<<<< ours` … `>>>>>>> theirs` in `text`. */
  conflicts: number;
}

/** A merge of the user's file (ours) and the new render (theirs), both descended from base. */
export type Merger = (ours: string, base: string, theirs: string) => Promise<MergeOutcome>;

const labels = { ours: 'ours', base: 'base', theirs: 'theirs' } as const;

/**
 * `git merge-file`: the merge users already trust, with git's own markers.
 * It takes files, so the three sides go through a private temp folder.
 */
export async function gitMergeFile(ours: string, base: string, theirs: string): Promise<MergeOutcome> {
  const { execa } = await import('execa');
  const dir = mkdtempSync(join(tmpdir(), 'scaled-api-merge-'));
  try {
    const paths = { ours: join(dir, 'ours'), base: join(dir, 'base'), theirs: join(dir, 'theirs') };
    writeFileSync(paths.ours, ours);
    writeFileSync(paths.base, base);
    writeFileSync(paths.theirs, theirs);
    const args = ['merge-file', '-p', '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, paths.ours, paths.base, paths.theirs];
    const r = await execa('git', args, { reject: false, stdin: 'ignore', stripFinalNewline: false });
    // Exit status: the number of conflicts (0 for a clean merge), or above 127 on an error.
    if (r.exitCode === undefined || r.exitCode > 127) throw new Error(`git merge-file failed: ${r.stderr.trim() || r.message}`);
    return { text: r.stdout, conflicts: r.exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** node-diff3 for machines without git; the same markers, so users see one format. */
export async function diff3Merge(ours: string, base: string, theirs: string): Promise<MergeOutcome> {
  const { diff3Merge: regions } = await import('node-diff3');
  const lines = (text: string) => text.split(/(?<=\n)/);
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    if (!region.conflict) continue;
    conflicts += 1;
    // Each side's last line may lack its newline (end of file); a marker must start a line.
    const side = (part: string[]) => {
      const text = part.join('');
      return text === '' || text.endsWith('\n') ? text : `${text}\n`;
    };
    out.push(`<<<<<<< ${labels.ours}\n`, side(region.conflict.a), '=======\n', side(region.conflict.b), `>>>>>>> ${labels.theirs}\n`);
  }
  return { text: out.join(''), conflicts };
}

let gitAvailable: Promise<boolean> | undefined;

async function hasGit(): Promise<boolean> {
  const { execa } = await import('execa');
  const r = await execa('git', ['--version'], { reject: false, stdin: 'ignore' });
  return !r.failed;
}

/** git's merge when git is on PATH (asked once per run), else node-diff3. */
export const threeWayMerge: Merger = async (ours, base, theirs) => {
  gitAvailable ??= hasGit();
  return (await gitAvailable) ? gitMergeFile(ours, base, theirs) : diff3Merge(ours, base, theirs);
};
