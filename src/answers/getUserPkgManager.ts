import type { PackageManager } from './types.js';

/** The package manager that launched us (`npm create`, `pnpm create`, …), else npm. */
export function getUserPkgManager(userAgent = process.env.npm_config_user_agent ?? ''): PackageManager {
  if (userAgent.startsWith('pnpm')) return 'pnpm';
  if (userAgent.startsWith('yarn')) return 'yarn';
  if (userAgent.startsWith('bun')) return 'bun';
  return 'npm';
}
