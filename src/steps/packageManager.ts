import type { PackageManager } from '../answers/types.js';
import { UserError } from '../errors.js';

const installArgs: Record<PackageManager, string[]> = {
  npm: ['install', '--no-audit', '--no-fund'],
  pnpm: ['install'],
  yarn: ['install'],
  bun: ['install'],
};

export function installCommand(pm: PackageManager): { file: string; args: string[] } {
  return { file: pm, args: [...installArgs[pm]] };
}

/** Checked before anything is written, so a missing tool costs the user nothing. */
export async function assertPackageManagerAvailable(pm: PackageManager): Promise<void> {
  const { execa } = await import('execa');
  const result = await execa(pm, ['--version'], { reject: false, timeout: 15_000 });
  if (result.failed) {
    throw new UserError(`${pm} is not installed or does not run (${pm} --version failed).`, `Install ${pm}, or pass --pm npm, or --no-install.`);
  }
}
