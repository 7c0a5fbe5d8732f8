import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageManager } from '../answers/types.js';
import { StepError } from '../errors.js';
import { tail } from '../utils/format.js';
import { onInterrupt } from '../utils/interrupts.js';
import { installCommand } from './packageManager.js';

export async function installDependencies(projectDir: string, pm: PackageManager, verbose: boolean): Promise<void> {
  const { execa } = await import('execa');
  const { file, args } = installCommand(pm);
  // With the shipped lockfile every version is pinned with its integrity, so
  // npm may trust its cache instead of asking the registry about each package.
  if (pm === 'npm' && existsSync(join(projectDir, 'package-lock.json'))) args.push('--prefer-offline');
  const child = execa(file, args, {
    cwd: projectDir,
    all: true,
    reject: false,
    stdin: 'ignore',
    ...(verbose ? { stdout: ['pipe', 'inherit'], stderr: ['pipe', 'inherit'] } : {}),
    // Some package managers prompt or colour output when they believe a human watches.
    env: { CI: 'true', npm_config_update_notifier: 'false' },
  });
  const forget = onInterrupt(() => child.kill('SIGKILL'));
  const result = await child.finally(forget);
  if (result.failed) {
    throw new StepError(`${file} ${args[0]} failed (exit ${result.exitCode ?? result.signal}).`, undefined, tail(result.all));
  }
}
