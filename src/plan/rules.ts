/** Files that follow their own rule instead of the three-way merge. */
export type SpecialRule = 'append-only' | 'regenerated' | 'rewritten';

export const MIGRATIONS_DIR = 'src/database/migrations/';
const lockfiles = new Set(['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb']);

export function specialRuleFor(path: string, answersFile: string): SpecialRule | undefined {
  if (path === answersFile) return 'rewritten';
  if (lockfiles.has(path)) return 'regenerated';
  if (path.startsWith(MIGRATIONS_DIR)) return 'append-only';
  return undefined;
}
