
export type GitOutcome = { done: true } | { done: false; why: string };

const fallbackIdentity = {
  GIT_AUTHOR_NAME: 'create-scaled-api',
  GIT_AUTHOR_EMAIL: 'create-scaled-api@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'create-scaled-api',
  GIT_COMMITTER_EMAIL: 'create-scaled-api@users.noreply.github.com',
};

async function git(cwd: string, args: string[], env?: Record<string, string>) {
  const { execa } = await import('execa');
  return execa('git', args, { cwd, reject: false, stdin: 'ignore', env });
}

/**
 * Initialises a repository with one first commit. Skips (never fails) when
 * git is missing or the folder already lives inside a repository, such as a
 * monorepo, where a nested repository would be a surprise.
 */
export async function initGit(projectDir: string): Promise<GitOutcome> {
  if ((await git(projectDir, ['--version'])).failed) return { done: false, why: 'git is not installed' };
  const inside = await git(projectDir, ['rev-parse', '--is-inside-work-tree']);
  if (!inside.failed && inside.stdout.trim() === 'true') return { done: false, why: 'the folder is already inside a git repository' };

  const steps: string[][] = [['init', '-q', '-b', 'main'], ['add', '-A']];
  for (const args of steps) {
    const r = await git(projectDir, args);
    if (r.failed) return { done: false, why: `git ${args[0]} failed: ${r.stderr.trim().split('\n')[0]}` };
  }
  const name = await git(projectDir, ['config', 'user.email']);
  const env = name.failed || name.stdout.trim() === '' ? fallbackIdentity : undefined;
  const commit = await git(projectDir, ['commit', '-q', '--no-verify', '-m', 'Initial commit from create-scaled-api'], env);
  if (commit.failed) return { done: false, why: `git commit failed: ${commit.stderr.trim().split('\n')[0]}` };
  return { done: true };
}
