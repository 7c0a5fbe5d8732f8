/**
 * Which of `paths` have changes git has not committed, or undefined when
 * the project is not in a git work tree (or git is missing): then there is
 * nothing to compare with, and the three-way merge alone protects edits.
 */
export async function uncommittedChanges(projectDir: string, paths: readonly string[]): Promise<string[] | undefined> {
  if (paths.length === 0) return [];
  const { execa } = await import('execa');
  const r = await execa('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths], { cwd: projectDir, reject: false, stdin: 'ignore' });
  if (r.failed) return undefined;
  // Entries are "XY path\0"; a rename adds the old path as one more field.
  const fields = r.stdout.split('\0').filter(Boolean);
  const changed: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    changed.push(field.slice(3));
    if (field[0] === 'R' || field[0] === 'C') i++;
  }
  return changed;
}
